package dev.weft.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a JMH benchmark class ({@link TracedCallBenchmark}, {@link HandOffBenchmark}) once per
 * configuration, one after the other in one invocation, each in forked JVMs that differ only in their
 * {@code jvmArgsAppend}.
 */
final class TracedCallRun {

  /** Average time of one benchmark method in one configuration. */
  record Score(double nsPerOp, double error) {}

  private final int forks;
  private final int warmups;
  private final int iterations;
  private final List<String> profilers;
  private final String include;
  private final Class<?> benchmark;
  private final String jvm;

  /** {@code include} is a regex over the benchmark method names; null means all of them. */
  TracedCallRun(int forks, int warmups, int iterations, List<String> profilers, String include) {
    this(TracedCallBenchmark.class, null, forks, warmups, iterations, profilers, include);
  }

  /** {@code jvm} is the java launcher of the forks; null means this JVM's. */
  TracedCallRun(Class<?> benchmark, String jvm, int forks, int warmups, int iterations, List<String> profilers,
      String include) {
    this.benchmark = benchmark;
    this.jvm = jvm;
    this.include = include == null ? ".*" : include;
    this.forks = forks;
    this.warmups = warmups;
    this.iterations = iterations;
    this.profilers = profilers;
  }

  String settings() {
    return forks + " fork(s), " + warmups + " warm-up × 1 s, " + iterations
        + " measurement × 1 s, avgt, 1 thread";
  }

  /** Scores by configuration name, then by benchmark method name. */
  Map<String, Map<String, Score>> run(List<Config> configs) throws RunnerException {
    Map<String, Map<String, Score>> byConfig = new LinkedHashMap<>();
    for (Config config : configs) {
      byConfig.put(config.name(), scores(results(config)));
    }
    return byConfig;
  }

  /** The raw JMH results of one configuration, for runs that pool several of them. */
  Collection<RunResult> results(Config config) throws RunnerException {
    System.out.println("\n# JMH " + benchmark.getSimpleName() + ", configuration: " + config.name() + " "
        + config.jvmArgs());
    return new Runner(options(config).build()).run();
  }

  private ChainedOptionsBuilder options(Config config) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(benchmark.getName() + "\\.(" + include + ")$")
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .forks(forks)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .threads(1)
        .shouldFailOnError(true)
        .jvmArgsAppend(config.jvmArgs().toArray(new String[0]));
    if (jvm != null) {
      options.jvm(jvm);
    }
    for (String profiler : profilers) {
      int colon = profiler.indexOf(':');
      if (colon < 0) {
        options.addProfiler(profiler);
      } else {
        options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
      }
    }
    return options;
  }

  private static Map<String, Score> scores(Collection<RunResult> results) {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Result<?> primary = result.getPrimaryResult();
      scores.put(method, new Score(primary.getScore(), primary.getScoreError()));
      for (var secondary : result.getSecondaryResults().entrySet()) {
        scores.put(method + ":" + secondary.getKey(),
            new Score(secondary.getValue().getScore(), secondary.getValue().getScoreError()));
      }
    }
    return scores;
  }

  static List<String> methods() {
    return new ArrayList<>(List.of("nothingPlain", "nothingOp", "nothingWithSpan",
        "capturedPlain", "capturedOp", "capturedWithSpan"));
  }
}
