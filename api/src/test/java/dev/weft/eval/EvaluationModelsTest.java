package dev.weft.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Models as objects with a predict method, scorers as {@code @Op} methods, rows as records. */
class EvaluationModelsTest {
  record Question(String input, String target) {}

  /** The seed's {@code WBInferenceModel}: a model id and an {@code @Op predict(prompt)}. */
  record AnsweringModel(String model) {
    @Op
    String predict(String prompt) {
      return prompt.startsWith("What is 2") ? "4" : model + " does not know";
    }
  }

  static final class WholeRowModel {
    String predict(Map<String, Object> row) {
      return String.valueOf(row.get("target"));
    }
  }

  static final class Scorers {
    @Op
    double exact_match(String target, String output) {
      return target.trim().equalsIgnoreCase(output.trim()) ? 1.0 : 0.0;
    }

    @Op
    boolean mentions_model(Object output, Map<String, Object> row) {
      return String.valueOf(output).contains("tiny") && row.containsKey("input");
    }
  }

  static final class StaticScorers {
    @Op
    static Map<String, Object> length(String output) {
      return Map.of("chars", output.length(), "short", output.length() < 3);
    }
  }

  private static final List<Question> QA = List.of(new Question("What is 2 + 2?", "4"),
      new Question("Name a primary color.", "red"));

  @Test
  void recordRowsOpScorersAndAnOpPredictModelRunLikeTheSeed() {
    EvaluationResult result = Evaluation.builder().name("QA").datasetOf(QA).scorers(new Scorers())
        .preprocessModelInput(row -> Map.of("prompt", row.get("input"))).progress(false).build()
        .evaluate(new AnsweringModel("tiny"));

    assertThat(result.modelName()).isEqualTo("tiny");
    assertThat(result.rows().get(0).row()).containsExactly(Map.entry("input", "What is 2 + 2?"), Map.entry("target", "4"));
    assertThat(result.rows()).extracting(RowResult::output).containsExactly("4", "tiny does not know");
    assertThat(result.rows().get(1).scores()).containsExactly(Map.entry("exact_match", 0.0), Map.entry("mentions_model", true));
    assertThat(result.summary()).containsOnlyKeys("exact_match", "mentions_model", "model_latency");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("mean", 0.5));
    assertThat(result.summary().get("mentions_model")).isEqualTo(Map.of("true_count", 1L, "true_fraction", 0.5));
  }

  @Test
  void aPredictTakingOneMapGetsTheWholeRowAndStaticOpScorersWork() {
    EvaluationResult result = Evaluation.builder().datasetOf(QA).scorers(StaticScorers.class).progress(false).build()
        .evaluate(new WholeRowModel());

    assertThat(result.modelName()).isEqualTo("WholeRowModel");
    assertThat(result.rows()).extracting(RowResult::output).containsExactly("4", "red");
    assertThat(result.summary().get("length")).isEqualTo(Map.of("chars", Map.of("mean", 2.0),
        "short", Map.of("true_count", 1L, "true_fraction", 0.5)));
  }

  @Test
  void aPredictArgumentMissingFromTheRowFailsThatRowWithTheReason() {
    EvaluationResult result = Evaluation.builder().datasetOf(QA).progress(false).build().evaluate(new AnsweringModel("m"));

    assertThat(result.errorCount()).isEqualTo(2);
    assertThat(result.rows().get(0).error())
        .isEqualTo("java.lang.IllegalArgumentException: AnsweringModel.predict takes 'prompt' but the row has only [input, target]");
  }

  @Test
  void rowsThatAreNeitherMapsNorRecordsAndHoldersWithoutOpsAreRefused() {
    assertThatThrownBy(() -> Evaluation.builder().datasetOf(List.of("just text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a dataset row must be a Map or a record, was java.lang.String");
    assertThatThrownBy(() -> Evaluation.builder().scorers(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("java.lang.Object has no @Op method to score with");
    assertThatThrownBy(() -> Evaluation.builder().datasetOf(QA).build().evaluate(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.Object has no predict method; give the model as a function instead");
  }
}
