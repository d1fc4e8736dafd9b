package dev.weft.http;

import java.io.IOException;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;

/** Reads a copy of an OkHttp request body for capture, when that cannot disturb what the app sends. */
final class OkHttpRequestBodies {
  private OkHttpRequestBodies() {}

  /**
   * The body's bytes, or null when there is none, it may be written only once (one-shot, duplex), it
   * is larger than {@code maxBytes}, or writing it failed (the app's own write will then fail alike).
   */
  static byte[] capture(RequestBody body, int maxBytes) {
    if (body == null) {
      return null;
    }
    try {
      if (body.isOneShot() || body.isDuplex()) {
        return null;
      }
      long length = body.contentLength();
      if (length > maxBytes) {
        return null;
      }
      Buffer buffer = new Buffer();
      if (length >= 0) {
        body.writeTo(buffer);
      } else {
        BufferedSink bounded = Okio.buffer(new BoundedSink(buffer, maxBytes));
        body.writeTo(bounded);
        bounded.flush();
      }
      return buffer.size() > maxBytes ? null : buffer.readByteArray();
    } catch (IOException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Fails the write once more than {@code maxBytes} would be held. */
  private static final class BoundedSink extends ForwardingSink {
    private final Buffer buffer;
    private final long maxBytes;

    BoundedSink(Buffer buffer, long maxBytes) {
      super(buffer);
      this.buffer = buffer;
      this.maxBytes = maxBytes;
    }

    @Override
    public void write(Buffer source, long byteCount) throws IOException {
      if (buffer.size() + byteCount > maxBytes) {
        throw new IOException("request body larger than the capture limit");
      }
      super.write(source, byteCount);
    }
  }
}
