package dev.weft.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The model server of {@link LlmCallBenchmark}: an OpenAI-compatible {@code POST /v1/chat/completions} on
 * 127.0.0.1, run by {@link LlmCallRun} as a separate JVM without any agent, so that the agent under test
 * sees only the client and the server costs the same in every configuration.
 *
 * <p>Reads the whole request, then: a request with {@code "stream":true} gets {@value LlmBodies#STREAM_EVENTS}
 * events, each written and flushed on its own (the first at once, then, when the request has the header
 * {@value #PAUSE_HEADER}, a pause of that many microseconds before the rest), plus the usage-only event when
 * the request sets {@code "include_usage":true}, then {@code [DONE]}; any other request gets a
 * chat.completion of the same size as the request. The response headers say what arrived
 * ({@value #REQUEST_BYTES_HEADER}, {@value #INCLUDE_USAGE_HEADER}), so the client can check it.
 * Start with {@code -Dsun.net.httpserver.nodelay=true}: otherwise Nagle holds small writes.
 */
public final class LlmStandIn {
  static final String PAUSE_HEADER = "x-stand-in-pause-us";
  static final String REQUEST_BYTES_HEADER = "x-stand-in-request-bytes";
  static final String INCLUDE_USAGE_HEADER = "x-stand-in-include-usage";
  static final String READY = "llm stand-in at ";

  private static final byte[] STREAM = "\"stream\":true".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INCLUDE_USAGE = "\"include_usage\":true".getBytes(StandardCharsets.UTF_8);

  private final Map<Integer, byte[]> replies = new ConcurrentHashMap<>();

  private LlmStandIn() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(LlmBodies.PATH, new LlmStandIn()::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println(READY + "http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      boolean includeUsage = contains(request, INCLUDE_USAGE);
      exchange.getResponseHeaders().set(REQUEST_BYTES_HEADER, Integer.toString(request.length));
      exchange.getResponseHeaders().set(INCLUDE_USAGE_HEADER, Boolean.toString(includeUsage));
      if (contains(request, STREAM)) {
        stream(exchange, includeUsage, exchange.getRequestHeaders().getFirst(PAUSE_HEADER));
      } else {
        byte[] reply = replies.computeIfAbsent(request.length, LlmBodies::reply);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        exchange.getResponseBody().write(reply);
      }
    }
  }

  private static void stream(HttpExchange exchange, boolean includeUsage, String pauseMicros) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0); // chunked: each flush is one chunk on the wire
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < LlmBodies.STREAM_EVENTS; i++) {
      out.write(LlmBodies.event(i));
      out.flush();
      if (i == 0 && pauseMicros != null) {
        LockSupport.parkNanos(Long.parseLong(pauseMicros) * 1000);
      }
    }
    if (includeUsage) {
      out.write(LlmBodies.usageEvent());
      out.flush();
    }
    out.write(LlmBodies.done());
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
