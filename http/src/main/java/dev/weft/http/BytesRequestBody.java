package dev.weft.http;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** The rewritten request body (usage asked for), with the app's content type. Repeatable. */
final class BytesRequestBody extends RequestBody {
  private final MediaType contentType;
  private final byte[] bytes;

  BytesRequestBody(MediaType contentType, byte[] bytes) {
    this.contentType = contentType;
    this.bytes = bytes;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return bytes.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(bytes);
  }
}
