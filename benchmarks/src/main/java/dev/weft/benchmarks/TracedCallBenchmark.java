package dev.weft.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One traced call, in every variant, on one state: {@link TracedCallRun} runs this class once per
 * configuration (no agent, Weft agent, OpenTelemetry agent) so each JVM measures all six methods.
 * Inputs come from non-final fields and results go back to JMH, so nothing is constant-folded away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracedCallBenchmark {

  private final Targets targets = new Targets();
  private long x = 42;
  private String prompt = "Summarise the release notes in one sentence.";
  private int maxTokens = 64;
  private List<String> tags = List.of("release", "summary", "short");

  @Benchmark
  public long nothingPlain() {
    return targets.plainNothing(x);
  }

  @Benchmark
  public long nothingOp() {
    return targets.opNothing(x);
  }

  @Benchmark
  public long nothingWithSpan() {
    return targets.withSpanNothing(x);
  }

  @Benchmark
  public Reply capturedPlain() {
    return targets.plainCaptured(prompt, maxTokens, tags);
  }

  @Benchmark
  public Reply capturedOp() {
    return targets.opCaptured(prompt, maxTokens, tags);
  }

  @Benchmark
  public Reply capturedWithSpan() {
    return targets.withSpanCaptured(prompt, maxTokens, tags);
  }
}
