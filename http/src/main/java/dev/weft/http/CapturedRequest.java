package dev.weft.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The app's request with the body the core asked to send instead (streamed usage asked for).
 * Everything else — method, URI, headers, timeout, version, expect-continue — is the app's own.
 */
final class CapturedRequest extends HttpRequest {
  private final HttpRequest app;
  private final byte[] body;

  CapturedRequest(HttpRequest app, byte[] body) {
    this.app = app;
    this.body = body;
  }

  @Override
  public Optional<BodyPublisher> bodyPublisher() {
    return Optional.of(BodyPublishers.ofByteArray(body));
  }

  @Override
  public String method() {
    return app.method();
  }

  @Override
  public Optional<Duration> timeout() {
    return app.timeout();
  }

  @Override
  public boolean expectContinue() {
    return app.expectContinue();
  }

  @Override
  public URI uri() {
    return app.uri();
  }

  @Override
  public Optional<HttpClient.Version> version() {
    return app.version();
  }

  @Override
  public HttpHeaders headers() {
    return app.headers();
  }

  @Override
  public String toString() {
    return app.toString();
  }
}
