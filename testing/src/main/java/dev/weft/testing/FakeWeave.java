package dev.weft.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real loopback HTTP server standing in for Weave's OTLP ingestion ({@code POST /otel/v1/traces}).
 *
 * <p>It accepts OTLP protobuf (as Weave does) and OTLP JSON (so exporters of other backends can be
 * tested too), plain, gzip or deflate. It records every request and every span, and rejects spans
 * the way Weave does (see {@link #rejectedSpans()}). Failure modes ({@link #respondWith(int)},
 * {@link #hang()}) drive reliability tests. Thread-safe; {@link #close()} stops it promptly.
 *
 * <pre>{@code
 * try (FakeWeave weave = FakeWeave.start()) {
 *   // point an exporter at weave.baseUrl(), create spans, flush
 *   ReceivedSpan span = weave.awaitSpan("openai.chat.completions.create", Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeWeave implements AutoCloseable {

  /** The path Weave's OTLP trace ingestion listens on. */
  public static final String TRACES_PATH = "/otel/v1/traces";

  private final Object lock = new Object();
  private final HttpServer server;
  private final ExecutorService executor;
  // Guarded by lock.
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedSpan> rejected = new ArrayList<>();
  private int attempts;
  private int forcedStatus;
  private boolean hanging;
  private boolean closed;

  private FakeWeave(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server bound to 127.0.0.1 on an ephemeral port. */
  public static FakeWeave start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind FakeWeave to 127.0.0.1", e);
    }
    // A thread per exchange, so a hanging exchange never blocks the next one.
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "fake-weave");
      thread.setDaemon(true);
      return thread;
    });
    FakeWeave weave = new FakeWeave(server, executor);
    server.createContext("/", new TraceHandler(weave));
    server.setExecutor(executor);
    server.start();
    return weave;
  }

  /** Returns {@code http://127.0.0.1:PORT}, the base URL to configure an exporter with. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the spans accepted so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** Returns the spans rejected as Weave would reject them (attribute path conflicts). */
  public List<ReceivedSpan> rejectedSpans() {
    synchronized (lock) {
      return List.copyOf(rejected);
    }
  }

  /** Returns every request received so far, on any path and in any mode. */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** Returns how many requests reached the traces path, whatever they were answered with. */
  public int attempts() {
    synchronized (lock) {
      return attempts;
    }
  }

  /** Answers every request with {@code status} (spans are not accepted), still counting attempts. */
  public void respondWith(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, got " + status);
    }
    synchronized (lock) {
      forcedStatus = status;
      hanging = false;
    }
  }

  /** Accepts requests and never answers them until {@link #close()}. */
  public void hang() {
    synchronized (lock) {
      hanging = true;
    }
  }

  /** Goes back to accepting and answering requests normally. */
  public void respondNormally() {
    synchronized (lock) {
      forcedStatus = 0;
      hanging = false;
    }
  }

  /** Forgets every recorded request, span and attempt. */
  public void clear() {
    synchronized (lock) {
      requests.clear();
      spans.clear();
      rejected.clear();
      attempts = 0;
    }
  }

  /**
   * Waits until at least {@code atLeast} spans were accepted and returns them all.
   *
   * @throws AssertionError on timeout, listing what was received
   */
  public List<ReceivedSpan> awaitSpans(int atLeast, Duration timeout) {
    return await(s -> s.size() >= atLeast, timeout, "at least " + atLeast + " spans");
  }

  /**
   * Waits until a span named {@code name} was accepted and returns the first one.
   *
   * @throws AssertionError on timeout, listing what was received
   */
  public ReceivedSpan awaitSpan(String name, Duration timeout) {
    Objects.requireNonNull(name, "name");
    Predicate<List<ReceivedSpan>> found = s -> s.stream().anyMatch(span -> name.equals(span.name()));
    return await(found, timeout, "a span named '" + name + "'").stream()
        .filter(span -> name.equals(span.name()))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Waits until at least {@code atLeast} requests reached the traces path and returns the count.
   *
   * @throws AssertionError on timeout
   */
  public int awaitAttempts(int atLeast, Duration timeout) {
    await(s -> attempts >= atLeast, timeout, "at least " + atLeast + " attempts");
    return attempts();
  }

  /** Stops the server at once, releasing any exchange held by {@link #hang()}. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeWeave{" + baseUrl() + "}";
  }

  private List<ReceivedSpan> await(
      Predicate<List<ReceivedSpan>> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!condition.test(spans)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          throw new AssertionError("FakeWeave: expected " + what + " within " + timeout
              + " but got " + describe());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("FakeWeave: interrupted while waiting for " + what, e);
        }
      }
      return List.copyOf(spans);
    }
  }

  private String describe() {
    List<String> names = new ArrayList<>();
    spans.forEach(span -> names.add(span.name()));
    return spans.size() + " spans " + names + ", " + rejected.size() + " rejected, "
        + requests.size() + " requests, " + attempts + " attempts";
  }

  // Called by TraceHandler for each request on the traces path; returns the mode to answer in.
  int recordAttempt() {
    synchronized (lock) {
      attempts++;
      lock.notifyAll();
      return hanging ? -1 : forcedStatus;
    }
  }

  void record(ReceivedRequest request, List<ReceivedSpan> accepted, List<ReceivedSpan> refused) {
    synchronized (lock) {
      requests.add(request);
      spans.addAll(accepted);
      rejected.addAll(refused);
      lock.notifyAll();
    }
  }

  void awaitClose() {
    synchronized (lock) {
      while (!closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
