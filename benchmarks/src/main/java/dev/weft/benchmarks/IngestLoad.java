package dev.weft.benchmarks;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Sends OTLP protobuf export requests to {@code POST /otel/v1/traces} from a few client threads, each
 * taking the next request number, and times the whole: first request start to last 200. Every
 * response must be a 200 whose {@code partial_success} rejects nothing, or the run fails.
 */
final class IngestLoad {

  /** What one load measured. */
  record Result(long spans, int requests, double seconds, double serverCpuSeconds,
      double clientCpuSeconds) {
    double spansPerSecond() {
      return spans / seconds;
    }
  }

  private final HttpClient client;
  private final URI ingest;
  private final int threads;

  IngestLoad(String baseUrl, int threads) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    this.ingest = URI.create(baseUrl + "/otel/v1/traces");
    this.threads = threads;
  }

  /** Sends bodies {@code first .. first+count-1} as given by {@code body}; times it all. */
  Result send(ServerProcess server, long first, int count, LongFunction<byte[]> body)
      throws Exception {
    AtomicLong next = new AtomicLong(first);
    long end = first + count;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double cpuBefore = server.cpuSeconds();
    double clientBefore = clientCpuSeconds();
    long start = System.nanoTime();
    try {
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          long spans = 0;
          for (long k = next.getAndIncrement(); k < end; k = next.getAndIncrement()) {
            spans += post(body.apply(k));
            progress(k - first + 1, count);
          }
          return spans;
        }));
      }
      long spans = 0;
      for (Future<Long> worker : workers) {
        spans += worker.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(spans, count, seconds, server.cpuSeconds() - cpuBefore,
          clientCpuSeconds() - clientBefore);
    } finally {
      pool.shutdownNow();
    }
  }

  private long lastReport;
  private long lastDone;

  // Every 200 requests: the rate since the previous line, to show when the server is warmed up.
  private synchronized void progress(long done, int count) {
    long now = System.nanoTime();
    if (lastReport == 0 || done < lastDone) {
      lastReport = now;
      lastDone = 0;
    }
    if (done % 200 == 0 || done == count) {
      double rate = (done - lastDone) * SpanStream.BATCH / ((now - lastReport) / 1e9);
      System.out.printf(java.util.Locale.ROOT, "#   %d/%d requests, %.0f spans/s%n", done, count, rate);
      lastReport = now;
      lastDone = done;
    }
  }

  // This benchmark's own CPU time: on 2 cores the client competes with the server.
  private static double clientCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9 : Double.NaN;
  }

  // Returns the number of spans the server stored from this request (all of them, or it throws).
  private long post(byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(ingest)
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("ingest answered " + response.statusCode() + ": "
          + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
    if (answer.getPartialSuccess().getRejectedSpans() != 0) {
      throw new IOException("ingest rejected spans: " + answer.getPartialSuccess().getErrorMessage());
    }
    return SpanStream.BATCH;
  }
}
