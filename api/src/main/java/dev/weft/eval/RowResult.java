package dev.weft.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of an evaluation run once (one trial): the row, the model's output, the scores by scorer name,
 * the model's latency and, when something failed, the error. Weave's {@code predict_and_score} output.
 */
public final class RowResult {
  private final int index;
  private final int trial;
  private final Map<String, Object> row;
  private final Object output;
  private final Map<String, Object> scores;
  private final double modelLatency;
  private final String error;
  private final boolean failed;

  RowResult(int index, int trial, Map<String, Object> row, Object output, Map<String, Object> scores,
      double modelLatency, String error, boolean failed) {
    this.index = index;
    this.trial = trial;
    this.row = row;
    this.output = output;
    this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    this.modelLatency = modelLatency;
    this.error = Objects.requireNonNull(error, "error");
    this.failed = failed;
  }

  /** The row's position in the dataset, from 0. */
  public int index() {
    return index;
  }

  /** Which trial of the row this is, from 0. */
  public int trial() {
    return trial;
  }

  /** The dataset row as given. */
  public Map<String, Object> row() {
    return row;
  }

  /**
   * What the model returned, passed through as it is (a model may itself return null).
   *
   * @throws IllegalStateException when the model failed; see {@link #error()}
   */
  public Object output() {
    if (failed) {
      throw new IllegalStateException("the model failed on row " + index + ": " + error);
    }
    return output;
  }

  /** Scores by scorer name, in the scorers' order; a scorer that failed has no entry. */
  public Map<String, Object> scores() {
    return scores;
  }

  /** The model's latency in seconds (of its last attempt); 0 when it failed. */
  public double modelLatency() {
    return modelLatency;
  }

  /** Whether the model failed on this row after its retries, so the row has no output and no scores. */
  public boolean failed() {
    return failed;
  }

  /** What went wrong (the model's or a scorer's exception); empty when nothing did. */
  public String error() {
    return error;
  }

  Object outputOrNull() {
    return output;
  }

  /** The row as Weave records {@code predict_and_score}'s output: output, scores, model_latency. */
  Map<String, Object> asWeaveOutput() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("output", output);
    out.put("scores", scores);
    out.put("model_latency", modelLatency);
    return out;
  }

  @Override
  public String toString() {
    return "RowResult{index=" + index + ", trial=" + trial + ", output=" + output + ", scores=" + scores
        + ", modelLatency=" + modelLatency + (error.isEmpty() ? "" : ", error=" + error) + "}";
  }
}
