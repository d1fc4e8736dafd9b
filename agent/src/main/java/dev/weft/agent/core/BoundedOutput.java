package dev.weft.agent.core;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte sink that refuses to hold more than {@code cap} bytes. The first write past the
 * cap throws {@link BudgetExceeded}, which unwinds the JSON generator mid-value: an oversized
 * capture costs about {@code cap} bytes of work, not the size of the object graph.
 */
public final class BoundedOutput extends OutputStream {
  private static final int INITIAL_SIZE = 512;

  private final int cap;
  private byte[] buf;
  private int count;
  private boolean abandoned;

  /** A sink that holds at most {@code cap} bytes. */
  public BoundedOutput(int cap) {
    this.cap = cap;
    // Start small: most captures are a few hundred bytes, the cap is typically 1 MiB.
    this.buf = new byte[Math.min(cap, INITIAL_SIZE)];
  }

  @Override
  public void write(int b) {
    if (abandoned) {
      return;
    }
    reserve(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (abandoned) {
      return;
    }
    reserve(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /** After the budget is blown: accept and drop whatever a closing generator still flushes. */
  public void abandon() {
    abandoned = true;
  }

  /** What was written, as UTF-8 text. */
  public String toUtf8() {
    return new String(buf, 0, count, StandardCharsets.UTF_8);
  }

  private void reserve(int len) {
    if (len > cap - count) {
      throw BudgetExceeded.INSTANCE;
    }
    int needed = count + len;
    if (needed > buf.length) {
      int grown = (int) Math.min(cap, Math.max((long) buf.length * 2, needed));
      buf = Arrays.copyOf(buf, grown);
    }
  }

  /** Control flow, not an error: shared, without stack trace or suppression, so it is free. */
  public static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final BudgetExceeded INSTANCE = new BudgetExceeded();

    private BudgetExceeded() {
      super("capture budget exceeded", null, false, false);
    }
  }
}
