package dev.weft.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An offline, deterministic OpenAI-compatible server on 127.0.0.1 that speaks the real wire
 * format: a stand-in for W&B Inference ({@code https://api.inference.wandb.ai/v1}) in tests and
 * samples. It serves {@code GET /v1/models} (the 12 W&B Inference models), {@code POST
 * /v1/chat/completions} (JSON or SSE, tool calls), {@code /v1/completions}, {@code /v1/embeddings}
 * and {@code /v1/responses} (JSON or SSE), with OpenAI's error bodies.
 *
 * <p>Replies are predictable: a question of {@link #ANSWERS} gets its exact answer (two of them
 * answered wordily by {@code meta-llama/Llama-3.1-8B-Instruct}, so models score apart), any other
 * user message {@code "Stand-in reply to: <message>"} ({@link #replyTo}); token counts are the
 * words × 1.3, rounded ({@link #tokens}). Failure modes ({@link #requireKey}, {@link #failNext},
 * {@link #failAlways}, {@link #limitConcurrency}, {@link #holdReplies}, {@link
 * #dropConnectionMidStream}) drive error tests. Every request is recorded. Thread-safe.
 *
 * <pre>{@code
 * try (OpenAiStandIn llm = OpenAiStandIn.start()) {
 *   // point a client at llm.baseUrl(), e.g. http://127.0.0.1:54321/v1
 *   OpenAiStandIn.Request request = llm.awaitRequests(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 */
public final class OpenAiStandIn implements AutoCloseable {

  /** The model ids of W&B Inference's model table, served at {@code /v1/models}. */
  public static final List<String> MODELS = List.of(
      "openai/gpt-oss-120b",
      "openai/gpt-oss-20b",
      "Qwen/Qwen3-235B-A22B-Thinking-2507",
      "Qwen/Qwen3-235B-A22B-Instruct-2507",
      "Qwen/Qwen3-Coder-480B-A35B-Instruct",
      "moonshotai/Kimi-K2-Instruct",
      "deepseek-ai/DeepSeek-R1-0528",
      "deepseek-ai/DeepSeek-V3-0324",
      "meta-llama/Llama-3.1-8B-Instruct",
      "meta-llama/Llama-3.3-70B-Instruct",
      "meta-llama/Llama-4-Scout-17B-16E-Instruct",
      "microsoft/Phi-4-mini-instruct");

  /** Known questions (trimmed, lower-case, single spaces) and the exact answers they get. */
  public static final Map<String, String> ANSWERS = StandInReplies.ANSWERS;

  /** The {@code created} time of every reply, in epoch seconds. */
  public static final long CREATED = 1_750_000_000L;

  /** W&B Inference's message for 429 when a project has too many requests in flight. */
  public static final String CONCURRENCY_LIMIT_MESSAGE = "Concurrency limit reached for requests";

  /** The pause between two streamed chunks unless {@link #chunkDelay} says otherwise. */
  public static final Duration DEFAULT_CHUNK_DELAY = Duration.ofMillis(5);

  private final Object lock = new Object();
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  // Guarded by lock.
  private final List<Request> requests = new ArrayList<>();
  private final List<String> models = new ArrayList<>(MODELS);
  private final Deque<Failure> nextFailures = new ArrayDeque<>();
  private Failure alwaysFailure;
  private String requiredKey;
  private int concurrencyLimit = Integer.MAX_VALUE;
  private boolean holding;
  private boolean dropNextStream;
  private long chunkDelayNanos = DEFAULT_CHUNK_DELAY.toNanos();
  private boolean closed;

  private OpenAiStandIn(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a stand-in bound to 127.0.0.1 on an ephemeral port. */
  public static OpenAiStandIn start() {
    return start(0);
  }

  /** Starts a stand-in bound to 127.0.0.1 on {@code port} (0: any free port). */
  public static OpenAiStandIn start(int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind OpenAiStandIn to 127.0.0.1:" + port, e);
    }
    // A thread per exchange: held and streaming exchanges never block the next one.
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "openai-stand-in");
      thread.setDaemon(true);
      return thread;
    });
    OpenAiStandIn standIn = new OpenAiStandIn(server, executor);
    server.createContext("/", new StandInHandler(standIn));
    server.setExecutor(executor);
    server.start();
    return standIn;
  }

  /**
   * Runs a stand-in until the JVM is stopped: {@code java -cp ... dev.weft.testing.OpenAiStandIn
   * [port]}.
   */
  public static void main(String[] args) throws InterruptedException {
    OpenAiStandIn standIn = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "openai-stand-in-stop"));
    System.out.println("OpenAI-compatible stand-in (offline, deterministic) at " + standIn.baseUrl());
    new CountDownLatch(1).await();
  }

  /** The content a chat gets when {@code userMessage} is its last user message (and no tools). */
  public static String replyTo(String userMessage) {
    return StandInReplies.answer(userMessage);
  }

  /** The stand-in's token count of a text: whitespace-separated words × 1.3, rounded. */
  public static long tokens(String text) {
    return StandInReplies.tokens(text);
  }

  /** Returns {@code http://127.0.0.1:PORT/v1}, the base URL to give an OpenAI client. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Returns the port the stand-in listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * From now on, requests must carry {@code Authorization: Bearer <key>}; others get 401 with
   * OpenAI's message (missing key, or incorrect key, which is never echoed).
   */
  public OpenAiStandIn requireKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
    synchronized (lock) {
      requiredKey = key;
    }
    return this;
  }

  /** Serves {@code id} too (e.g. an embedding model), in {@code /v1/models} and in calls. */
  public OpenAiStandIn addModel(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (!models.contains(id)) {
        models.add(id);
      }
    }
    return this;
  }

  /** Sets the pause between two streamed chunks (zero: none). */
  public OpenAiStandIn chunkDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    synchronized (lock) {
      chunkDelayNanos = delay.toNanos();
    }
    return this;
  }

  /**
   * Answers the next request (queued after earlier {@code failNext} calls) with {@code status}
   * and OpenAI's error body carrying {@code message}, e.g. 402, 403, 429, 500.
   */
  public OpenAiStandIn failNext(int status, String message) {
    Failure failure = Failure.of(status, message);
    synchronized (lock) {
      nextFailures.add(failure);
    }
    return this;
  }

  /** Answers every request with {@code status} and {@code message} until {@link #stopFailing}. */
  public OpenAiStandIn failAlways(int status, String message) {
    Failure failure = Failure.of(status, message);
    synchronized (lock) {
      alwaysFailure = failure;
    }
    return this;
  }

  /** Forgets every programmed failure. */
  public OpenAiStandIn stopFailing() {
    synchronized (lock) {
      nextFailures.clear();
      alwaysFailure = null;
    }
    return this;
  }

  /**
   * Answers 429 {@link #CONCURRENCY_LIMIT_MESSAGE} to a request arriving while {@code maxInFlight}
   * others are being answered, as W&B Inference does per project. {@code Integer.MAX_VALUE} lifts it.
   */
  public OpenAiStandIn limitConcurrency(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
    }
    synchronized (lock) {
      concurrencyLimit = maxInFlight;
    }
    return this;
  }

  /** Accepted requests wait, in flight, before being answered until {@link #releaseReplies}. */
  public OpenAiStandIn holdReplies() {
    synchronized (lock) {
      holding = true;
    }
    return this;
  }

  /** Lets held and future requests be answered. */
  public OpenAiStandIn releaseReplies() {
    synchronized (lock) {
      holding = false;
      lock.notifyAll();
    }
    return this;
  }

  /**
   * The next streamed reply sends its first two events, then the connection is closed without
   * ending the chunked body: clients see the stream fail mid-way.
   */
  public OpenAiStandIn dropConnectionMidStream() {
    synchronized (lock) {
      dropNextStream = true;
    }
    return this;
  }

  /** Returns every request received so far, in arrival order. */
  public List<Request> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /**
   * Waits until at least {@code atLeast} requests arrived and returns them all.
   *
   * @throws AssertionError on timeout, naming what arrived
   */
  public List<Request> awaitRequests(int atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (requests.size() < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          throw new AssertionError("OpenAiStandIn: expected at least " + atLeast
              + " requests within " + timeout + " but got " + requests);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("OpenAiStandIn: interrupted while waiting for requests", e);
        }
      }
      return List.copyOf(requests);
    }
  }

  /**
   * Waits until no request is being answered (every one received so far has its reply sent).
   *
   * @throws AssertionError on timeout
   */
  public void awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight.get() > 0 && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("OpenAiStandIn: still " + inFlight.get() + " requests in flight after " + timeout);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("OpenAiStandIn: interrupted while waiting for idle", e);
        }
      }
    }
  }

  /** Forgets the recorded requests. */
  public void clear() {
    synchronized (lock) {
      requests.clear();
    }
  }

  /** Stops the stand-in at once, releasing held and streaming exchanges. */
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
    return "OpenAiStandIn{" + baseUrl() + "}";
  }

  // Package-private hooks for StandInHandler.

  void record(Request request) {
    synchronized (lock) {
      requests.add(request);
      lock.notifyAll();
    }
  }

  Failure takeFailure() {
    synchronized (lock) {
      Failure next = nextFailures.poll();
      return next != null ? next : alwaysFailure;
    }
  }

  String requiredKey() {
    synchronized (lock) {
      return requiredKey;
    }
  }

  List<String> models() {
    synchronized (lock) {
      return List.copyOf(models);
    }
  }

  /** Counts the exchange in flight; false when that makes more than the limit. */
  boolean enter() {
    int now = inFlight.incrementAndGet();
    synchronized (lock) {
      return now <= concurrencyLimit;
    }
  }

  void exit() {
    inFlight.decrementAndGet();
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  void awaitRelease() throws InterruptedException {
    synchronized (lock) {
      while (holding && !closed) {
        lock.wait();
      }
    }
  }

  boolean takeDropMidStream() {
    synchronized (lock) {
      boolean drop = dropNextStream;
      dropNextStream = false;
      return drop;
    }
  }

  long chunkDelayNanos() {
    synchronized (lock) {
      return chunkDelayNanos;
    }
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  record Failure(int status, String message) {
    static Failure of(int status, String message) {
      Objects.requireNonNull(message, "message");
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
      }
      return new Failure(status, message);
    }
  }

  /**
   * One request as the stand-in received it.
   *
   * @param method the HTTP method
   * @param path the request path, without the query
   * @param headers all request headers; lookups ignore case
   * @param body the body as UTF-8 text, {@code ""} when empty
   */
  public record Request(String method, String path, Map<String, List<String>> headers,
      String body) {

    /** Copies the headers into a map whose lookups ignore case. */
    public Request {
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
    }

    /** Returns the first value of the header named {@code name} (any case), or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Header values never print: they may hold API keys. */
    @Override
    public String toString() {
      List<String> names = new ArrayList<>();
      headers.keySet().forEach(name -> names.add(name + "=OBFUSCATED"));
      return "Request{" + method + " " + path + ", headers=" + names + ", body=" + body.length()
          + " chars}";
    }
  }
}
