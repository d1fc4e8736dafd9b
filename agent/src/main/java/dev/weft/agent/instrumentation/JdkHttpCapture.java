package dev.weft.agent.instrumentation;

import dev.weft.agent.bootstrap.JdkHttpHandler;
import dev.weft.http.HttpExchangeCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Applies weft-http's {@link HttpExchangeCapture} inside the JDK client, for the advice. */
final class JdkHttpCapture implements JdkHttpHandler {

  @Override
  public Object[] enter(Object request, Object bodyHandler) {
    if (!(request instanceof HttpRequest) || !(bodyHandler instanceof HttpResponse.BodyHandler)) {
      return null;
    }
    HttpExchangeCapture<?> capture = HttpExchangeCapture.begin((HttpRequest) request,
        (HttpResponse.BodyHandler<?>) bodyHandler);
    return capture == null ? null : new Object[] {capture.request(), capture.handler(), capture};
  }

  @Override
  public void exit(Object exchange, Object future, Throwable thrown) {
    HttpExchangeCapture<?> capture = (HttpExchangeCapture<?>) exchange;
    if (thrown != null) {
      capture.failed(thrown);
    } else {
      capture.track(future instanceof CompletableFuture ? (CompletableFuture<?>) future : null);
    }
  }
}
