package dev.weft.http;

import java.io.IOException;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/**
 * Hands the app the response bytes as they arrive, each read passing through the tracer first, which
 * may replace them (the usage-only event it asked for is removed). Never returns 0 bytes: a read
 * whose bytes are all held back reads on, as the app's own read would wait for them.
 */
final class CapturingSource implements Source {
  private final Source delegate;
  private final Object call;
  private final Buffer arrived = new Buffer();
  private final Buffer ready = new Buffer();
  private boolean exhausted;
  private boolean ended;

  CapturingSource(Source delegate, Object call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    if (byteCount < 0) {
      throw new IllegalArgumentException("byteCount < 0: " + byteCount);
    }
    if (byteCount == 0) {
      return 0;
    }
    try {
      while (ready.size() == 0) {
        if (exhausted) {
          return -1;
        }
        readMore(byteCount);
      }
      return ready.read(sink, byteCount);
    } catch (IOException | RuntimeException | Error e) {
      end(e);
      throw e;
    }
  }

  private void readMore(long byteCount) throws IOException {
    long n = delegate.read(arrived, byteCount);
    if (n == -1) {
      exhausted = true;
      ready.write(LlmBridgeAccess.finish(call));
      end(null);
      return;
    }
    byte[] bytes = arrived.readByteArray();
    byte[] replacement = LlmBridgeAccess.chunk(call, bytes, 0, bytes.length);
    ready.write(replacement == null ? bytes : replacement);
  }

  @Override
  public Timeout timeout() {
    return delegate.timeout();
  }

  @Override
  public void close() throws IOException {
    try {
      delegate.close();
    } finally {
      end(null);
    }
  }

  private void end(Throwable error) {
    if (!ended) {
      ended = true;
      LlmBridgeAccess.end(call, error);
    }
  }
}
