package dev.weft.eval;

import dev.weft.Call;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcome of {@link Evaluation#evaluate}: the summary in Weave's format and every row's result. */
public final class EvaluationResult {
  private final String evaluationName;
  private final String modelName;
  private final Map<String, Object> summary;
  private final List<RowResult> rows;
  private final Call call;

  EvaluationResult(String evaluationName, String modelName, Map<String, Object> summary, List<RowResult> rows) {
    this(evaluationName, modelName, summary, rows, Call.none());
  }

  EvaluationResult(String evaluationName, String modelName, Map<String, Object> summary, List<RowResult> rows,
      Call call) {
    this.evaluationName = evaluationName;
    this.modelName = modelName;
    this.summary = summary;
    this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    this.call = call;
  }

  /** The evaluation's name. */
  public String evaluationName() {
    return evaluationName;
  }

  /** The model's name, as in the trace and the table. */
  public String modelName() {
    return modelName;
  }

  /**
   * The traced {@code Evaluation.evaluate} call: its id and link (in Weave, or the local UI, which opens
   * the evaluation from it); {@link Call#none()} when nothing was traced.
   */
  public Call call() {
    return call;
  }

  /**
   * The summary as Weave writes it: per scorer name its auto-summary ({@code {"mean": x}} for numbers,
   * {@code {"true_count": n, "true_fraction": f}} for booleans, maps key by key), {@code "output"} when
   * the outputs are summarizable, and {@code {"model_latency": {"mean": seconds}}}.
   */
  public Map<String, Object> summary() {
    return summary;
  }

  /** Every row's result, in dataset order, the trials of a row next to each other. */
  public List<RowResult> rows() {
    return rows;
  }

  /** How many rows failed (their model failed after retries, or a scorer failed). */
  public int errorCount() {
    return (int) rows.stream().filter(r -> !r.error().isEmpty()).count();
  }

  /** The summary as a printable table: one line per metric path, then the row and error counts. */
  public String table() {
    List<String[]> lines = new ArrayList<>();
    flatten("", summary, lines);
    int width = "metric".length();
    for (String[] line : lines) {
      width = Math.max(width, line[0].length());
    }
    StringBuilder out = new StringBuilder();
    out.append("Evaluation ").append(evaluationName).append(" · model ").append(modelName).append('\n');
    out.append(pad("metric", width)).append("  value\n");
    for (String[] line : lines) {
      out.append(pad(line[0], width)).append("  ").append(line[1]).append('\n');
    }
    out.append("rows ").append(rows.size()).append(" · errors ").append(errorCount()).append('\n');
    return out.toString();
  }

  private static void flatten(String prefix, Map<?, ?> map, List<String[]> lines) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof Map) {
        flatten(path + ".", (Map<?, ?>) e.getValue(), lines);
      } else {
        lines.add(new String[] {path, format(e.getValue())});
      }
    }
  }

  private static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
    }
    return String.valueOf(value);
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "EvaluationResult{evaluation=" + evaluationName + ", model=" + modelName + ", summary=" + summary
        + ", rows=" + rows.size() + "}";
  }
}
