package dev.weft.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the traces table's requests, one at a time from one client on a kept-alive connection:
 * request sent to the whole JSON body read. The queries take turns, so each sees the same
 * conditions; warm-up rounds first.
 */
final class QueryLoad {

  /** The UI's default traces table: root calls, newest first, first page of 50. */
  static final String DEFAULT = "limit=50&offset=0&sort=-started_at&root=true";

  /** What one query measured: latency percentiles (ms) and what the page held. */
  record Result(String name, String query, int requests, double p50, double p95, double p99,
      double max, long total, int rows) {}

  private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
  private static final Pattern ROW = Pattern.compile("\"trace_id\":");

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String callsUrl;

  QueryLoad(String baseUrl, String project) {
    this.callsUrl = baseUrl + "/api/projects/" + project + "/calls?";
  }

  /** The three list requests measured: the default, filtered by op, and a text search. */
  static Map<String, String> traceListQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("traces, newest first (UI default)", DEFAULT);
    queries.put("traces of one op (`op=" + SpanStream.FILTER_OP + "`)",
        DEFAULT + "&op=" + SpanStream.FILTER_OP);
    queries.put("text search in inputs/output (`q=" + SpanStream.SEARCH_TERM + "`)",
        DEFAULT + "&q=" + URLEncoder.encode(SpanStream.SEARCH_TERM, StandardCharsets.UTF_8));
    return queries;
  }

  List<Result> run(Map<String, String> queries, int warmups, int requests)
      throws IOException, InterruptedException {
    Map<String, double[]> times = new LinkedHashMap<>();
    Map<String, String> last = new LinkedHashMap<>();
    queries.keySet().forEach(name -> times.put(name, new double[requests]));
    for (int round = -warmups; round < requests; round++) {
      for (Map.Entry<String, String> query : queries.entrySet()) {
        long start = System.nanoTime();
        String body = get(query.getValue());
        double ms = (System.nanoTime() - start) / 1e6;
        if (round >= 0) {
          times.get(query.getKey())[round] = ms;
        }
        last.put(query.getKey(), body);
      }
    }
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, double[]> entry : times.entrySet()) {
      double[] sorted = entry.getValue().clone();
      Arrays.sort(sorted);
      String body = last.get(entry.getKey());
      Matcher total = TOTAL.matcher(body);
      results.add(new Result(entry.getKey(), queries.get(entry.getKey()), requests,
          StartupRun.nearestRank(sorted, 0.5), StartupRun.nearestRank(sorted, 0.95),
          StartupRun.nearestRank(sorted, 0.99), sorted[sorted.length - 1],
          total.find() ? Long.parseLong(total.group(1)) : -1, (int) ROW.matcher(body).results().count()));
    }
    return results;
  }

  /** Returns the body of {@code GET calls?query}; anything but a 200 fails the run. */
  String get(String query) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(callsUrl + query))
        .timeout(Duration.ofSeconds(120)).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET calls?" + query + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  /** The number of calls stored in the project (the all-calls list's total, kept as a counter). */
  long storedCalls() throws IOException, InterruptedException {
    Matcher total = TOTAL.matcher(get("limit=1"));
    return total.find() ? Long.parseLong(total.group(1)) : -1;
  }
}
