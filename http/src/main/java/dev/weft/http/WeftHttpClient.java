package dev.weft.http;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that traces the model calls it sends (requests whose path ends with
 * {@code /chat/completions}, {@code /completions}, {@code /embeddings} or {@code /responses}) as
 * {@code llm} spans when the Weft agent is running, and otherwise passes everything through
 * untouched. The agent traces every JDK client by itself; wrap a client by hand only where the
 * agent cannot be used, e.g. to trace one client of a test.
 *
 * <pre>{@code
 * HttpClient client = WeftHttpClient.wrap(HttpClient.newHttpClient());
 * }</pre>
 *
 * <p>Responses, body types, exceptions and streaming behave exactly as with the wrapped client;
 * {@code close}, {@code shutdown}, {@code shutdownNow}, {@code awaitTermination} and {@code
 * isTerminated} (JDK 21+) are forwarded to it.
 */
public final class WeftHttpClient extends HttpClient {
  private static final MethodHandle CLOSE = lifecycle("close", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN = lifecycle("shutdown", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN_NOW = lifecycle("shutdownNow", MethodType.methodType(void.class));
  private static final MethodHandle IS_TERMINATED = lifecycle("isTerminated",
      MethodType.methodType(boolean.class));
  private static final MethodHandle AWAIT_TERMINATION = lifecycle("awaitTermination",
      MethodType.methodType(boolean.class, Duration.class));

  private final HttpClient delegate;

  private WeftHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /**
   * Returns a client that sends through {@code client} and traces its model calls.
   *
   * @throws NullPointerException when {@code client} is null
   */
  public static HttpClient wrap(HttpClient client) {
    Objects.requireNonNull(client, "client");
    return client instanceof WeftHttpClient ? client : new WeftHttpClient(client);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpExchangeCapture<T> capture = HttpExchangeCapture.begin(request, handler);
    if (capture == null) {
      return delegate.send(request, handler);
    }
    try {
      return delegate.send(capture.request(), capture.handler());
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      capture.failed(e);
      throw e;
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    HttpExchangeCapture<T> capture = HttpExchangeCapture.begin(request, handler);
    if (capture == null) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
    CompletableFuture<HttpResponse<T>> response;
    try {
      response = delegate.sendAsync(capture.request(), capture.handler(), pushPromiseHandler);
    } catch (RuntimeException | Error e) {
      capture.failed(e);
      throw e;
    }
    capture.track(response);
    return response;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  // JDK 21 added these to HttpClient; declared here they override them there, and reach the
  // wrapped client's own through method handles (this class compiles for Java 11).

  /** Closes the wrapped client (JDK 21+). */
  public void close() {
    invoke(CLOSE);
  }

  /** Shuts the wrapped client down (JDK 21+). */
  public void shutdown() {
    invoke(SHUTDOWN);
  }

  /** Shuts the wrapped client down now (JDK 21+). */
  public void shutdownNow() {
    invoke(SHUTDOWN_NOW);
  }

  /** Whether the wrapped client has terminated (JDK 21+). */
  public boolean isTerminated() {
    if (IS_TERMINATED == null) {
      return false;
    }
    try {
      return (boolean) IS_TERMINATED.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Waits for the wrapped client to terminate (JDK 21+).
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    if (AWAIT_TERMINATION == null) {
      return false;
    }
    try {
      return (boolean) AWAIT_TERMINATION.invokeExact(delegate, duration);
    } catch (InterruptedException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private void invoke(MethodHandle handle) {
    if (handle == null) {
      return;
    }
    try {
      handle.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle lifecycle(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // before JDK 21: nobody can call it through HttpClient
    }
  }
}
