package dev.weft.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {

  @Test
  void numbersBecomeTheirMean() {
    assertThat(Summaries.summarize(List.of(1, 2.5, 3L, 0.5f))).isEqualTo(Map.of("mean", 1.75));
  }

  @Test
  void booleansBecomeTrueCountAndTrueFraction() {
    assertThat(Summaries.summarize(List.of(true, false, true, true)))
        .isEqualTo(Map.of("true_count", 3L, "true_fraction", 0.75));
  }

  @Test
  void mapsAreSummarizedKeyByKeyAndRecursively() {
    Map<String, Object> first = Map.of("correct", true, "f1", 1.0, "detail", Map.of("recall", 0.5, "label", "x"));
    Map<String, Object> second = Map.of("correct", false, "f1", 0.0, "detail", Map.of("recall", 1.0, "label", "y"));

    assertThat(Summaries.summarize(List.of(first, second))).isEqualTo(Map.of(
        "correct", Map.of("true_count", 1L, "true_fraction", 0.5),
        "f1", Map.of("mean", 0.5),
        "detail", Map.of("recall", Map.of("mean", 0.75))));
  }

  @Test
  void nullsAreSkippedBeforeCountingAndAveraging() {
    assertThat(Summaries.summarize(Arrays.asList(true, null, false, null))).isEqualTo(
        Map.of("true_count", 1L, "true_fraction", 0.5));
    assertThat(Summaries.summarize(Arrays.asList(null, 4, null, 2))).isEqualTo(Map.of("mean", 3.0));
  }

  @Test
  void aKeyMissingFromSomeMapsIsSummarizedOverTheMapsThatHaveIt() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("score", null);

    assertThat(Summaries.summarize(List.of(Map.of("score", 1), withNull, Map.of("other", 3))))
        .isEqualTo(Map.of("score", Map.of("mean", 1.0), "other", Map.of("mean", 3.0)));
  }

  @Test
  void valuesWithoutASummaryGiveNone() {
    assertThat(Summaries.summarize(List.of("a", "b"))).isNull();
    assertThat(Summaries.summarize(Arrays.asList(null, null))).isNull();
    assertThat(Summaries.summarize(Collections.emptyList())).isNull();
    assertThat(Summaries.summarize(List.of(Map.of("label", "x")))).isNull();
  }

  @Test
  void theEvaluationSummaryHasTheOutputEachScorerAndModelLatencyAndSkipsFailedRows() {
    List<RowResult> rows = List.of(
        row(0, Map.of("tokens", 10), scores("exact_match", true, "f1", 0.5), 1.0, ""),
        row(1, Map.of("tokens", 20), scores("exact_match", false, "f1", 1.0), 3.0, ""),
        new RowResult(2, 0, Map.of(), null, Map.of(), 0, "java.lang.IllegalStateException: boom", true));

    Map<String, Object> summary = Summaries.evaluation(rows, List.of("exact_match", "f1", "never_scored"));

    assertThat(summary).containsExactly(
        Map.entry("output", Map.of("tokens", Map.of("mean", 15.0))),
        Map.entry("exact_match", Map.of("true_count", 1L, "true_fraction", 0.5)),
        Map.entry("f1", Map.of("mean", 0.75)),
        Map.entry("model_latency", Map.of("mean", 2.0)));
  }

  private static RowResult row(int index, Object output, Map<String, Object> scores, double latency, String error) {
    return new RowResult(index, 0, Map.of(), output, scores, latency, error, false);
  }

  private static Map<String, Object> scores(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put(k1, v1);
    scores.put(k2, v2);
    return scores;
  }
}
