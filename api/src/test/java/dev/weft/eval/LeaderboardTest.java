package dev.weft.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
  private static final Leaderboard BOARD = Leaderboard.builder().name("Inference Leaderboard")
      .description("Compare models on a QA dataset")
      .column("QA", "exact_match", "mean")
      .column("QA", "model_latency", "mean", true)
      .column("Math", "correct", "true_fraction")
      .build();

  @Test
  void modelsAreRankedByTheFirstColumnWithEveryColumnsValueFromTheLatestRun() {
    List<EvaluationResult> results = List.of(
        result("QA", "llama", Map.of("exact_match", Map.of("mean", 0.2), "model_latency", Map.of("mean", 0.5))),
        result("QA", "llama", Map.of("exact_match", Map.of("mean", 0.5), "model_latency", Map.of("mean", 0.4))),
        result("QA", "deepseek", Map.of("exact_match", Map.of("mean", 1.0), "model_latency", Map.of("mean", 1.5))),
        result("Math", "deepseek", Map.of("correct", Map.of("true_count", 3L, "true_fraction", 0.75))),
        result("Math", "phi", Map.of("correct", Map.of("true_count", 1L, "true_fraction", 0.25))),
        result("Other", "gpt", Map.of("exact_match", Map.of("mean", 1.0))));

    List<Leaderboard.Row> rows = BOARD.rank(results);

    assertThat(rows).extracting(Leaderboard.Row::model).containsExactly("deepseek", "llama", "phi");
    assertThat(rows.get(0).values()).containsExactly(1.0, 1.5, 0.75);
    assertThat(rows.get(1).values()).containsExactly(0.5, 0.4, null);
    assertThat(rows.get(2).values()).containsExactly(null, null, 0.25);
    assertThat(BOARD.table(results)).isEqualTo("Leaderboard Inference Leaderboard · Compare models on a QA dataset\n"
        + "model     QA exact_match.mean ↑  QA model_latency.mean ↓  Math correct.true_fraction ↑\n"
        + "deepseek  1.0000                 1.5000                   0.7500\n"
        + "llama     0.5000                 0.4000                   —\n"
        + "phi       —                      —                        0.2500\n");
  }

  @Test
  void aMinimizedFirstColumnRanksTheSmallestFirst() {
    Leaderboard fastest = Leaderboard.builder().name("Fastest").column("QA", "model_latency", "mean", true).build();

    assertThat(fastest.rank(List.of(
        result("QA", "slow", Map.of("model_latency", Map.of("mean", 2.0))),
        result("QA", "fast", Map.of("model_latency", Map.of("mean", 0.1))))))
        .extracting(Leaderboard.Row::model).containsExactly("fast", "slow");
  }

  @Test
  void theDefinitionIsWeavesLeaderboardSpec() {
    assertThat(BOARD.asMap()).isEqualTo(Map.of("name", "Inference Leaderboard", "description",
        "Compare models on a QA dataset", "columns", Arrays.asList(
            Map.of("evaluation", "QA", "scorer_name", "exact_match", "summary_metric_path", "mean", "should_minimize", false),
            Map.of("evaluation", "QA", "scorer_name", "model_latency", "summary_metric_path", "mean", "should_minimize", true),
            Map.of("evaluation", "Math", "scorer_name", "correct", "summary_metric_path", "true_fraction",
                "should_minimize", false))));
  }

  @Test
  void aNameAndAColumnAreRequired() {
    assertThatThrownBy(() -> Leaderboard.builder().column("QA", "s", "mean").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("name is required");
    assertThatThrownBy(() -> Leaderboard.builder().name("n").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("at least one column is required");
  }

  private static EvaluationResult result(String evaluation, String model, Map<String, Object> summary) {
    return new EvaluationResult(evaluation, model, summary, List.of());
  }
}
