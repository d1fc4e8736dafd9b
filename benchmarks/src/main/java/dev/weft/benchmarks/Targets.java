package dev.weft.benchmarks;

import dev.weft.Op;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.List;

/**
 * The traced methods. Each shape comes three times with the same body: plain, {@code @Op} and
 * {@code @WithSpan}. Under either agent the other agent's annotation is inert, so the plain method and
 * the foreign annotation both measure the untraced cost in the same JVM.
 */
final class Targets {

  long plainNothing(long x) {
    return x * 31 + 7;
  }

  @Op(captureInputs = false, captureOutput = false)
  long opNothing(long x) {
    return x * 31 + 7;
  }

  @WithSpan
  long withSpanNothing(long x) {
    return x * 31 + 7;
  }

  Reply plainCaptured(String prompt, int maxTokens, List<String> tags) {
    return new Reply(tags.get(0), prompt.length() + maxTokens, maxTokens < 16);
  }

  /** Captures the three arguments and the returned {@link Reply} as JSON. */
  @Op
  Reply opCaptured(String prompt, int maxTokens, List<String> tags) {
    return new Reply(tags.get(0), prompt.length() + maxTokens, maxTokens < 16);
  }

  /** The OpenTelemetry agent captures nothing here: no arguments, no return value. */
  @WithSpan
  Reply withSpanCaptured(String prompt, int maxTokens, List<String> tags) {
    return new Reply(tags.get(0), prompt.length() + maxTokens, maxTokens < 16);
  }
}
