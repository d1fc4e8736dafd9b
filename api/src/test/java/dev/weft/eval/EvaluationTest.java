package dev.weft.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final List<Map<String, Object>> QA = List.of(
      Map.of("input", "What is 2 + 2?", "target", "4"),
      Map.of("input", "Name a primary color.", "target", "red"),
      Map.of("input", "What is the capital of France?", "target", "Paris"));

  private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

  @Test
  void exactMatchOverAQaDatasetIsSummarizedLikeWeave() {
    EvaluationResult result = qa().build().evaluate("echo", row -> row.get("target").equals("red") ? "blue" : row.get("target"));

    assertThat(result.rows()).extracting(RowResult::output).containsExactly("4", "blue", "Paris");
    assertThat(result.rows()).extracting(r -> r.scores().get("exact_match")).containsExactly(1.0, 0.0, 1.0);
    assertThat(result.summary().keySet()).containsExactly("exact_match", "model_latency");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 2.0 / 3));
    assertThat(result.summary().get("model_latency")).asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys("mean");
    assertThat(result.errorCount()).isZero();
  }

  @Test
  void eachRowRunsOncePerTrialAndEveryTrialCountsInTheSummary() {
    AtomicInteger calls = new AtomicInteger();
    EvaluationResult result = qa().trials(3).build()
        .evaluate("alternating", row -> calls.incrementAndGet() % 2 == 0 ? "wrong" : row.get("target"));

    assertThat(calls).hasValue(9);
    assertThat(result.rows()).hasSize(9);
    assertThat(result.rows()).extracting(r -> r.index() + "/" + r.trial())
        .containsExactly("0/0", "0/1", "0/2", "1/0", "1/1", "1/2", "2/0", "2/1", "2/2");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 5.0 / 9));
  }

  @Test
  void theModelGetsThePreprocessedInputAndTheScorersTheRow() {
    List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());
    EvaluationResult result = qa().parallelism(1).preprocessModelInput(row -> Map.of("prompt", row.get("input"))).build()
        .evaluate("prompted", input -> {
          seen.add(input);
          return input.get("prompt").equals("What is 2 + 2?") ? "4" : "?";
        });

    assertThat(seen).containsExactly(Map.of("prompt", "What is 2 + 2?"), Map.of("prompt", "Name a primary color."),
        Map.of("prompt", "What is the capital of France?"));
    assertThat(result.rows().get(0).row()).isEqualTo(QA.get(0));
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0 / 3));
  }

  @Test
  void aFailingPreprocessingFailsItsRowOnly() {
    EvaluationResult result = qa().preprocessModelInput(row -> {
      if (row.get("target").equals("red")) {
        throw new IllegalArgumentException("no prompt");
      }
      return row;
    }).build().evaluate("echo", row -> row.get("target"));

    assertThat(result.rows()).extracting(RowResult::error).containsExactly("",
        "preprocessModelInput: java.lang.IllegalArgumentException: no prompt", "");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0));
  }

  @Test
  void aFailingRowIsRecordedAndTheRunGoesOn() {
    EvaluationResult result = qa().build().evaluate("flaky", row -> {
      if (row.get("target").equals("red")) {
        throw new IllegalArgumentException("no colors today");
      }
      return row.get("target");
    });

    RowResult failed = result.rows().get(1);
    assertThat(failed.failed()).isTrue();
    assertThat(failed.error()).isEqualTo("java.lang.IllegalArgumentException: no colors today");
    assertThat(failed.scores()).isEmpty();
    assertThatThrownBy(failed::output).isInstanceOf(IllegalStateException.class).hasMessageContaining("no colors today");
    assertThat(result.errorCount()).isEqualTo(1);
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aFailingScorerLosesItsScoreOnlyOnThatRow() {
    EvaluationResult result = qa().scorer("strict", (row, output) -> {
      if (output.equals("red")) {
        throw new IllegalStateException("bad scorer");
      }
      return true;
    }).build().evaluate("echo", row -> row.get("target"));

    assertThat(result.rows().get(1).scores()).containsOnlyKeys("exact_match");
    assertThat(result.rows().get(1).error()).isEqualTo("strict: java.lang.IllegalStateException: bad scorer");
    assertThat(result.rows().get(1).failed()).isFalse();
    assertThat(result.summary().get("strict")).isEqualTo(Map.of("true_count", 2L, "true_fraction", 1.0));
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0));
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedWithGrowingJitteredBackoff() {
    AtomicInteger attempts = new AtomicInteger();
    EvaluationResult result = qa().build().evaluate("limited", row -> {
      if (row.get("target").equals("4")) {
        int n = attempts.incrementAndGet();
        if (n == 1) {
          throw new IllegalStateException("HTTP 429: Concurrency limit reached for requests");
        } else if (n == 2) {
          throw new IllegalStateException("HTTP 503 Service Unavailable");
        }
      }
      return row.get("target");
    });

    assertThat(attempts).hasValue(3);
    assertThat(result.errorCount()).isZero();
    assertThat(result.rows().get(0).output()).isEqualTo("4");
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(250L, 500L);
    assertThat(sleeps.get(1)).isBetween(500L, 1000L);
  }

  @Test
  void retriesStopAfterTheLastAttemptAndTheRowRecordsTheError() {
    AtomicInteger attempts = new AtomicInteger();
    EvaluationResult result = qa().build().evaluate("overloaded", row -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("Concurrency limit reached for requests");
    });

    assertThat(attempts).hasValue(3 * Retry.MAX_ATTEMPTS);
    assertThat(sleeps).hasSize(3 * (Retry.MAX_ATTEMPTS - 1));
    assertThat(result.errorCount()).isEqualTo(3);
    assertThat(result.rows()).allSatisfy(r ->
        assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: Concurrency limit reached for requests"));
    assertThat(result.summary()).isEmpty();
  }

  @Test
  void onlyRateLimitsAndServerErrorsAreRetryable() {
    assertThat(Retry.isRetryable(new RuntimeException("status 429"))).isTrue();
    assertThat(Retry.isRetryable(new RuntimeException("wrapped", new RuntimeException("HTTP 502")))).isTrue();
    assertThat(Retry.isRetryable(new RuntimeException("Concurrency limit reached for requests"))).isTrue();
    assertThat(Retry.isRetryable(new RuntimeException("HTTP 400 bad request"))).isFalse();
    assertThat(Retry.isRetryable(new RuntimeException("took 5000 ms"))).isFalse();
    assertThat(Retry.isRetryable(new NullPointerException())).isFalse();
  }

  @Test
  void rowsRunInParallelUpToTheParallelism() {
    CountDownLatch allStarted = new CountDownLatch(3);
    EvaluationResult result = qa().parallelism(3).build().evaluate("together", row -> {
      allStarted.countDown();
      try {
        // Only returns true when all three rows are in the model at once.
        return allStarted.await(10, TimeUnit.SECONDS) ? row.get("target") : "alone";
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(result.rows()).extracting(RowResult::output).containsExactly("4", "red", "Paris");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0));
  }

  @Test
  void parallelismOneRunsEveryRowOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    EvaluationResult result = qa().parallelism(1).build()
        .evaluate("here", row -> Thread.currentThread() == caller ? row.get("target") : "elsewhere");

    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 1.0));
  }

  @Test
  void parallelismDefaultsToTheSystemPropertyElseWeaves20() {
    String before = System.getProperty("weft.parallelism");
    try {
      System.clearProperty("weft.parallelism");
      int fromEnvironment = envParallelism();
      assertThat(Evaluation.builder().dataset(QA).build().parallelism()).isEqualTo(fromEnvironment);
      System.setProperty("weft.parallelism", "7");
      assertThat(Evaluation.builder().dataset(QA).build().parallelism()).isEqualTo(7);
      assertThat(Evaluation.builder().dataset(QA).parallelism(2).build().parallelism()).isEqualTo(2);
    } finally {
      if (before == null) {
        System.clearProperty("weft.parallelism");
      } else {
        System.setProperty("weft.parallelism", before);
      }
    }
  }

  @Test
  void theTableListsEveryMetricPathThenRowsAndErrors() {
    EvaluationResult result = new EvaluationResult("QA", "llama",
        Map.of("exact_match", Map.of("mean", 2.0 / 3)), List.of());

    assertThat(result.table()).isEqualTo("Evaluation QA · model llama\n"
        + "metric            value\n"
        + "exact_match.mean  0.6667\n"
        + "rows 0 · errors 0\n");
  }

  @Test
  void theBuilderFailsFastOnMissingOrInvalidSettings() {
    assertThatThrownBy(() -> Evaluation.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("dataset is required");
    assertThatThrownBy(() -> Evaluation.builder().name(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> Evaluation.builder().scorer("s", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("score");
    assertThatThrownBy(() -> Evaluation.builder().trials(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trials must be at least 1, was 0");
    assertThatThrownBy(() -> Evaluation.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be at least 1, was 0");
  }

  private Evaluation.Builder qa() {
    return Evaluation.builder()
        .name("QA")
        .dataset(QA)
        .scorer("exact_match", (row, output) ->
            String.valueOf(row.get("target")).trim().equalsIgnoreCase(String.valueOf(output).trim()) ? 1.0 : 0.0)
        .progress(false)
        .sleeper(sleeps::add);
  }

  private static int envParallelism() {
    for (String name : new String[] {"WEFT_PARALLELISM", "WEAVE_PARALLELISM"}) {
      String value = System.getenv(name);
      if (value != null && value.trim().matches("[1-9][0-9]*")) {
        return Integer.parseInt(value.trim());
      }
    }
    return 20;
  }
}
