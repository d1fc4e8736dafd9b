package dev.weft.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, the only place that touches Jetty's API. Answers exactly once. */
final class Exchange {

  private static final int DRAIN_FACTOR = 4;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final String path;
  private Fields query;
  private boolean sent;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.path = Request.getPathInContext(request);
  }

  String method() {
    return request.getMethod();
  }

  String path() {
    return path;
  }

  /** The header's value, or null. */
  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The query parameter's value, or null when absent or empty. */
  String query(String name) throws HttpError {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        throw new HttpError(400, "malformed query string: " + e.getMessage());
      }
    }
    String value = query.getValue(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * Reads the body, answering 413 when it is declared or turns out too long. The rest of a body
   * up to a few times the limit is read and dropped first: a client still sending when the server
   * closes would see a reset instead of the 413.
   */
  byte[] body(int maxBytes) throws HttpError, IOException {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxBytes) {
        drain(in, DRAIN_FACTOR * (long) maxBytes);
        throw new HttpError(413, "the body is " + declared + " bytes; the limit is " + maxBytes);
      }
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        drain(in, DRAIN_FACTOR * (long) maxBytes);
        throw new HttpError(413, "the body is over " + maxBytes + " bytes, the limit");
      }
      return body;
    }
  }

  private void drain(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long drained = 0;
    for (int n; drained < limit && (n = in.read(buffer)) > 0; ) {
      drained += n;
    }
    if (drained >= limit) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  boolean sent() {
    return sent;
  }

  void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  void send(int status, String contentType, byte[] body) {
    if (sent) {
      return;
    }
    sent = true;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  void sendText(int status, String text) {
    send(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Ends an exchange that could not be answered at all. */
  void fail(Throwable failure) {
    if (!sent) {
      sent = true;
      callback.failed(failure);
    }
  }
}
