package dev.weft.benchmarks;

import dev.weft.benchmarks.TracedCallRun.Score;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link LlmCallBenchmark} against one {@link LlmStandIn} process in every configuration, one after the
 * other: no agent, Weft, OTel (each all four methods), and Weft with {@code llm.include.usage=false}
 * (the two streamed methods only; nothing else differs).
 */
final class LlmCallRun {
  static final String STREAMED = "streamFirstChunk|streamWhole";

  private final int forks;
  private final int warmups;
  private final int iterations;
  private final List<String> profilers;
  private final String jvm;

  LlmCallRun(String jvm, int forks, int warmups, int iterations, List<String> profilers) {
    this.jvm = jvm;
    this.forks = forks;
    this.warmups = warmups;
    this.iterations = iterations;
    this.profilers = profilers;
  }

  /** The configurations measured: {@code configs} plus, after Weft, Weft without asking for usage. */
  static List<Config> configs(List<Config> configs) {
    List<Config> all = new ArrayList<>();
    for (Config config : configs) {
      all.add(config);
      if (config.name().equals(Config.WEFT)) {
        all.add(Config.weftNoUsage(config.agentJar()));
      }
    }
    return all;
  }

  String settings() {
    return new TracedCallRun(LlmCallBenchmark.class, jvm, forks, warmups, iterations, profilers, null).settings()
        + "; the stand-in server a separate JVM without agent";
  }

  /** Scores by configuration name, then by benchmark method (and {@code method:secondary}). */
  Map<String, Map<String, Score>> run(List<Config> configs) throws IOException, RunnerException, InterruptedException {
    Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
    Process server = startServer();
    try {
      String url = readyUrl(server);
      for (Config config : configs) {
        boolean weft = config.name().startsWith(Config.WEFT);
        Config run = config.with(List.of("-D" + LlmCallBenchmark.URL + "=" + url,
            "-D" + LlmCallBenchmark.EXPECT_TRACED + "=" + weft,
            "-D" + LlmCallBenchmark.EXPECT_USAGE + "=" + config.name().equals(Config.WEFT)));
        String include = config.name().equals(Config.WEFT_NO_USAGE) ? STREAMED : ".*";
        scores.putAll(new TracedCallRun(LlmCallBenchmark.class, jvm, forks, warmups, iterations, profilers, include)
            .run(List.of(run)));
      }
    } finally {
      server.toHandle().destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    return scores;
  }

  private static Process startServer() throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dsun.net.httpserver.nodelay=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        LlmStandIn.class.getName());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String readyUrl(Process server) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = lines.readLine()) != null; ) {
          if (!ready.isDone() && line.startsWith(LlmStandIn.READY)) {
            ready.complete(line.substring(LlmStandIn.READY.length()).trim());
          } else {
            System.out.println("# llm stand-in: " + line);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("the llm stand-in exited"));
    }, "llm-stand-in-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.destroyForcibly();
      throw new IOException("the llm stand-in did not start: " + e, e);
    }
  }
}
