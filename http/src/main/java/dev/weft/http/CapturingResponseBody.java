package dev.weft.http;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/** The app's response body, read through {@link CapturingSource}; reads as the original would. */
final class CapturingResponseBody extends ResponseBody {
  private final ResponseBody delegate;
  private final boolean bytesMayChange;
  private final BufferedSource source;

  CapturingResponseBody(ResponseBody delegate, Object call, boolean bytesMayChange) {
    this.delegate = delegate;
    this.bytesMayChange = bytesMayChange;
    this.source = Okio.buffer(new CapturingSource(delegate.source(), call));
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return bytesMayChange ? -1L : delegate.contentLength();
  }

  @Override
  public BufferedSource source() {
    return source;
  }
}
