package dev.weft.benchmarks;

import dev.weft.benchmarks.TracedCallRun.Score;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link LlmCallBenchmark} against one {@link LlmStandIn} process in every configuration: no agent,
 * Weft, OTel (each all four methods), and Weft with {@code llm.include.usage=false} (the two streamed
 * methods only; nothing else differs). In rounds, one fork per configuration and method each, so that
 * load from elsewhere on a shared machine falls on every configuration alike; a figure pools the
 * measurement iterations of all rounds (mean ± 99.9 % error, as JMH does across forks).
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
    return forks + " round(s) of 1 fork per configuration, " + warmups + " warm-up × 1 s, " + iterations
        + " measurement × 1 s, avgt, 1 thread; the stand-in server a separate JVM without agent";
  }

  /** Scores by configuration name, then by benchmark method (and {@code method:secondary}). */
  Map<String, Map<String, Score>> run(List<Config> configs) throws IOException, RunnerException, InterruptedException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    Process server = startServer();
    try {
      String url = readyUrl(server);
      for (int round = 0; round < forks; round++) {
        for (Config config : configs) {
          results.computeIfAbsent(config.name(), k -> new ArrayList<>()).addAll(runOnce(config, url));
        }
      }
    } finally {
      server.toHandle().destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
    results.forEach((config, list) -> scores.put(config, pooled(list)));
    return scores;
  }

  private Collection<RunResult> runOnce(Config config, String url) throws RunnerException {
    boolean weft = config.name().startsWith(Config.WEFT);
    Config run = config.with(List.of("-D" + LlmCallBenchmark.URL + "=" + url,
        "-D" + LlmCallBenchmark.EXPECT_TRACED + "=" + weft,
        "-D" + LlmCallBenchmark.EXPECT_USAGE + "=" + config.name().equals(Config.WEFT)));
    String include = config.name().equals(Config.WEFT_NO_USAGE) ? STREAMED : ".*";
    return new TracedCallRun(LlmCallBenchmark.class, jvm, 1, warmups, iterations, profilers, include).results(run);
  }

  /** Every measurement iteration of a method (and of each profiler figure), over all rounds. */
  private static Map<String, Score> pooled(List<RunResult> results) {
    Map<String, ListStatistics> stats = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          stats.computeIfAbsent(method, k -> new ListStatistics()).addValue(iteration.getPrimaryResult().getScore());
          iteration.getSecondaryResults().forEach((name, r) ->
              stats.computeIfAbsent(method + ":" + name, k -> new ListStatistics()).addValue(r.getScore()));
        }
      }
    }
    Map<String, Score> scores = new LinkedHashMap<>();
    stats.forEach((name, s) -> scores.put(name, new Score(s.getMean(), s.getMeanErrorAt(0.999))));
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
