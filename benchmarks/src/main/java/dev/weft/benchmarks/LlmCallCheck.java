package dev.weft.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Fails a {@link LlmCallBenchmark} trial whose calls do not go as intended: wrong body sizes, the Weft
 * interceptor missing (or present without the Weft agent), usage asked for when it should not be, or the
 * usage-only event reaching the app. Prints what it saw into the fork's output.
 */
final class LlmCallCheck {
  private static final String INTERCEPTOR = "dev.weft.http.WeftInterceptor";

  private final OkHttpClient client;

  LlmCallCheck(OkHttpClient client) {
    this.client = client;
  }

  void check(Request small, Request large, Request stream, boolean traced, boolean usage) throws IOException {
    List<String> interceptors = new ArrayList<>();
    client.interceptors().forEach(i -> interceptors.add(i.getClass().getName()));
    require(interceptors.contains(INTERCEPTOR) == traced, "interceptors " + interceptors + ", expected traced=" + traced);
    sizes(small, LlmBodies.SMALL);
    sizes(large, LlmBodies.LARGE);
    try (Response response = client.newCall(stream).execute()) {
      String asked = response.header(LlmStandIn.INCLUDE_USAGE_HEADER);
      require(Boolean.parseBoolean(asked) == usage, "the server saw include_usage=" + asked + ", expected " + usage);
      int events = events(response.body().source());
      require(events == LlmBodies.STREAM_EVENTS + 1, events + " data lines reached the app, expected "
          + (LlmBodies.STREAM_EVENTS + 1) + " (the content events and [DONE])");
      System.out.println("# check: interceptors " + interceptors + "; stream: include_usage=" + asked
          + ", request " + response.header(LlmStandIn.REQUEST_BYTES_HEADER) + " B, " + events + " data lines to the app");
    }
  }

  private void sizes(Request request, int bytes) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      int sent = Integer.parseInt(response.header(LlmStandIn.REQUEST_BYTES_HEADER));
      int read = response.body().bytes().length;
      require(sent == bytes && read == bytes, "request " + sent + " B, reply " + read + " B, expected " + bytes);
      System.out.println("# check: request " + sent + " B arrived, reply " + read + " B read");
    }
  }

  private static int events(BufferedSource source) throws IOException {
    int events = 0;
    for (String line; (line = source.readUtf8Line()) != null; ) {
      events += line.startsWith("data:") ? 1 : 0;
    }
    return events;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("LlmCallBenchmark set-up: " + message);
    }
  }
}
