package dev.weft.http;

import java.net.http.HttpResponse;

/**
 * The app's body handler, with the status and content type told to the core and the body subscriber
 * wrapped so the core sees the bytes. The app's handler makes the app's subscriber, so the body type
 * and its behaviour are the app's own.
 */
final class CapturingBodyHandler<T> implements HttpResponse.BodyHandler<T> {
  private final Object call;
  private final HttpResponse.BodyHandler<T> app;

  CapturingBodyHandler(Object call, HttpResponse.BodyHandler<T> app) {
    this.call = call;
    this.app = app;
  }

  @Override
  public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    LlmBridgeAccess.response(call, info.statusCode(), info.headers().firstValue("content-type").orElse(null));
    HttpResponse.BodySubscriber<T> subscriber;
    try {
      subscriber = app.apply(info);
    } catch (RuntimeException | Error e) {
      LlmBridgeAccess.end(call, e);
      throw e;
    }
    return subscriber == null ? null : new CapturingBodySubscriber<>(call, subscriber);
  }

  @Override
  public String toString() {
    return app.toString();
  }
}
