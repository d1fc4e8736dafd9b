package dev.weft.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * One model call sent through a {@code java.net.http.HttpClient}: the request to send (the app's, or
 * a copy carrying the body the core asked for) and the app's body handler wrapped so the response
 * bytes are seen as they pass. {@link WeftHttpClient} uses it, and the agent applies it inside the
 * JDK's own client. Not public API.
 *
 * @param <T> the app's body type
 */
public final class HttpExchangeCapture<T> {
  /** Request bodies larger than this are sent as they are, and the span has no inputs. */
  static final long MAX_CAPTURED_BODY = 16L << 20;
  // By name: a WeftHttpClient of the app's class loader sends through the agent's copy of this class.
  private static final String CAPTURING = CapturingBodyHandler.class.getName();

  private final Object call;
  private final HttpRequest request;
  private final HttpResponse.BodyHandler<T> handler;

  private HttpExchangeCapture(Object call, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    this.call = call;
    this.request = request;
    this.handler = handler;
  }

  /**
   * Starts tracing {@code request} when it is a model call and the agent is there; returns null
   * otherwise (send the app's request and handler as they are). Never throws.
   */
  public static <T> HttpExchangeCapture<T> begin(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    if (request == null || handler == null || !"POST".equalsIgnoreCase(request.method())
        || CAPTURING.equals(handler.getClass().getName())) {
      return null; // the JDK rejects it as the app expects, or an outer layer captures it already
    }
    try {
      String url = request.uri().toString();
      if (!LlmBridgeAccess.isModelCall(request.method(), url)) {
        return null;
      }
      byte[] body = RequestBodies.read(request, MAX_CAPTURED_BODY);
      Object call = LlmBridgeAccess.start(request.method(), url, request.headers().map(), body, null);
      if (call == null) {
        return null;
      }
      // The publishers read are replayable: the app's request goes as it is unless rewritten.
      byte[] replaced = LlmBridgeAccess.requestBody(call);
      HttpRequest toSend = replaced == null ? request : new CapturedRequest(request, replaced);
      return new HttpExchangeCapture<>(call, toSend, new CapturingBodyHandler<>(call, handler));
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** The request to send in place of the app's. */
  public HttpRequest request() {
    return request;
  }

  /** The handler to use in place of the app's. */
  public HttpResponse.BodyHandler<T> handler() {
    return handler;
  }

  /** Ends the call when {@code response} fails or is cancelled; its body ends it otherwise. */
  public void track(CompletableFuture<?> response) {
    if (response == null) {
      LlmBridgeAccess.end(call, null);
      return;
    }
    response.whenComplete(new EndOnFailure(call));
  }

  /** The send failed before or without a response. */
  public void failed(Throwable error) {
    LlmBridgeAccess.end(call, error);
  }

  /** A {@code whenComplete} callback; a class rather than a lambda, so it names the call. */
  private static final class EndOnFailure implements BiConsumer<Object, Throwable> {
    private final Object call;

    EndOnFailure(Object call) {
      this.call = call;
    }

    @Override
    public void accept(Object response, Throwable error) {
      if (error != null) {
        LlmBridgeAccess.end(call, unwrap(error));
      }
    }

    private static Throwable unwrap(Throwable error) {
      Throwable t = error;
      while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
          && !(t instanceof CancellationException)) {
        t = t.getCause();
      }
      return t;
    }
  }
}
