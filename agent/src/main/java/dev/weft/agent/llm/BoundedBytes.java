package dev.weft.agent.llm;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte sink that refuses to hold more than {@code cap} bytes: the first write past it
 * throws {@link BudgetExceeded}, which unwinds the JSON copy mid-value, so an oversized body costs
 * about {@code cap} bytes of output work.
 */
final class BoundedBytes extends OutputStream {
  private static final int INITIAL_SIZE = 512;

  private final int cap;
  private byte[] buf;
  private int count;
  private boolean abandoned;

  BoundedBytes(int cap) {
    this.cap = cap;
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
  void abandon() {
    abandoned = true;
  }

  String toUtf8() {
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

  /** Control flow, not an error: shared, without stack trace, so it is free. */
  static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final BudgetExceeded INSTANCE = new BudgetExceeded();

    private BudgetExceeded() {
      super("capture budget exceeded", null, false, false);
    }
  }
}
