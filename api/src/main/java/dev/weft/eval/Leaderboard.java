package dev.weft.eval;

import dev.weft.Kind;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Models ranked by summary metrics of evaluations, as Weave's {@code leaderboard.Leaderboard}: each
 * column is an evaluation, a scorer, a metric path in that scorer's summary ({@code mean}, {@code
 * true_fraction}, {@code correct.mean}) and whether less is better. Ranked here from {@link
 * EvaluationResult}s, or by the local trace server from its stored runs once {@link #publish}ed.
 *
 * <pre>{@code
 * Leaderboard board = Leaderboard.builder().name("Inference Leaderboard")
 *     .column("QA", "exact_match", "mean")
 *     .column("QA", "model_latency", "mean", true)
 *     .build();
 * System.out.print(board.table(List.of(llama, deepseek)));
 * board.publish();
 * }</pre>
 */
public final class Leaderboard {
  /** The op name of {@link #publish}; the trace server reads leaderboard definitions from these calls. */
  public static final String PUBLISH_OP = "Leaderboard.publish";

  private final String name;
  private final String description;
  private final List<Column> columns;

  private Leaderboard(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.columns = Collections.unmodifiableList(new ArrayList<>(b.columns));
  }

  /** A builder; a name and at least one column are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The leaderboard's name. */
  public String name() {
    return name;
  }

  /** The description; empty when none. */
  public String description() {
    return description;
  }

  /** The columns, in order; the first one ranks the models. */
  public List<Column> columns() {
    return columns;
  }

  /**
   * One row per model that has a result for any column, best first by the first column (models without
   * it last, then by name). Of several results for the same evaluation and model, the last one counts.
   */
  public List<Row> rank(Collection<EvaluationResult> results) {
    Objects.requireNonNull(results, "results");
    Map<String, Double[]> byModel = new LinkedHashMap<>();
    for (EvaluationResult result : results) {
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        if (column.evaluation.equals(result.evaluationName())) {
          Double value = column.valueIn(result.summary());
          Double[] values = byModel.computeIfAbsent(result.modelName(), m -> new Double[columns.size()]);
          values[c] = value;
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    byModel.forEach((model, values) -> rows.add(new Row(model, java.util.Arrays.asList(values))));
    rows.sort(order());
    return Collections.unmodifiableList(rows);
  }

  private Comparator<Row> order() {
    boolean minimize = !columns.isEmpty() && columns.get(0).minimize;
    return (a, b) -> {
      Double x = a.values.isEmpty() ? null : a.values.get(0);
      Double y = b.values.isEmpty() ? null : b.values.get(0);
      if (x == null || y == null) {
        return x == y ? a.model.compareTo(b.model) : x == null ? 1 : -1;
      }
      int byValue = minimize ? Double.compare(x, y) : Double.compare(y, x);
      return byValue != 0 ? byValue : a.model.compareTo(b.model);
    };
  }

  /** The ranking as a printable table: a header per column (↑ more is better, ↓ less is), a line per model. */
  public String table(Collection<EvaluationResult> results) {
    List<Row> rows = rank(results);
    List<String[]> lines = new ArrayList<>();
    String[] head = new String[columns.size() + 1];
    head[0] = "model";
    for (int c = 0; c < columns.size(); c++) {
      head[c + 1] = columns.get(c).toString();
    }
    lines.add(head);
    for (Row row : rows) {
      String[] line = new String[columns.size() + 1];
      line[0] = row.model;
      for (int c = 0; c < columns.size(); c++) {
        Double v = row.values.get(c);
        line[c + 1] = v == null ? "—" : String.format(Locale.ROOT, "%.4f", v);
      }
      lines.add(line);
    }
    return "Leaderboard " + name + (description.isEmpty() ? "" : " · " + description) + "\n" + Tables.format(lines);
  }

  /**
   * Records the definition as a traced {@code Leaderboard.publish} call (Weave's {@code
   * weave.publish(leaderboard)}): the local trace server ranks its stored evaluation runs by the latest
   * definition of each name. Without the agent it does nothing.
   */
  public void publish() {
    Map<String, Object> spec = asMap();
    Weft.op(PUBLISH_OP, Kind.NONE, spec, () -> spec);
  }

  /** The definition as Weave names it: name, description, columns of evaluation, scorer_name, summary_metric_path, should_minimize. */
  public Map<String, Object> asMap() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("name", name);
    spec.put("description", description);
    List<Object> cols = new ArrayList<>();
    for (Column column : columns) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("evaluation", column.evaluation);
      col.put("scorer_name", column.scorer);
      col.put("summary_metric_path", column.metricPath);
      col.put("should_minimize", column.minimize);
      cols.add(col);
    }
    spec.put("columns", cols);
    return spec;
  }

  @Override
  public String toString() {
    return "Leaderboard{name=" + name + ", columns=" + columns + "}";
  }

  /** One column: a metric of one scorer of one evaluation. */
  public static final class Column {
    private final String evaluation;
    private final String scorer;
    private final String metricPath;
    private final boolean minimize;

    Column(String evaluation, String scorer, String metricPath, boolean minimize) {
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      this.metricPath = Objects.requireNonNull(metricPath, "metricPath");
      this.minimize = minimize;
    }

    /** The evaluation's name. */
    public String evaluation() {
      return evaluation;
    }

    /** The scorer's name ({@code model_latency} for the model's latency). */
    public String scorer() {
      return scorer;
    }

    /** The path in the scorer's summary, dot-separated: {@code mean}, {@code true_fraction}. */
    public String metricPath() {
      return metricPath;
    }

    /** Whether a smaller value is better. */
    public boolean minimize() {
      return minimize;
    }

    /** This column's value in {@code summary}: a number, or a boolean as 1 or 0; null when absent. */
    Double valueIn(Map<String, Object> summary) {
      Object value = summary.get(scorer);
      for (String key : metricPath.isEmpty() ? new String[0] : metricPath.split("\\.")) {
        value = value instanceof Map ? ((Map<?, ?>) value).get(key) : null;
      }
      if (value instanceof Number) {
        return ((Number) value).doubleValue();
      }
      return value instanceof Boolean ? ((Boolean) value ? 1.0 : 0.0) : null;
    }

    @Override
    public String toString() {
      return evaluation + " " + scorer + (metricPath.isEmpty() ? "" : "." + metricPath) + (minimize ? " ↓" : " ↑");
    }
  }

  /** One model's values, in column order; null where it has no result. */
  public static final class Row {
    private final String model;
    private final List<Double> values;

    Row(String model, List<Double> values) {
      this.model = model;
      this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The model's name. */
    public String model() {
      return model;
    }

    /** The values, in column order; null where the model has no result for a column. */
    public List<Double> values() {
      return values;
    }

    @Override
    public String toString() {
      return "Row{model=" + model + ", values=" + values + "}";
    }
  }

  /** Builds a {@link Leaderboard}. */
  public static final class Builder {
    private String name;
    private String description = "";
    private final List<Column> columns = new ArrayList<>();

    private Builder() {}

    /** The leaderboard's name (required). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** A description; default none. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds a column where more is better. */
    public Builder column(String evaluation, String scorer, String metricPath) {
      return column(evaluation, scorer, metricPath, false);
    }

    /** Adds a column; {@code minimize} when less is better (latency, cost). */
    public Builder column(String evaluation, String scorer, String metricPath, boolean minimize) {
      columns.add(new Column(evaluation, scorer, metricPath, minimize));
      return this;
    }

    /**
     * Builds the leaderboard.
     *
     * @throws IllegalStateException without a name or a column
     */
    public Leaderboard build() {
      if (name == null || name.isEmpty()) {
        throw new IllegalStateException("name is required");
      }
      if (columns.isEmpty()) {
        throw new IllegalStateException("at least one column is required");
      }
      return new Leaderboard(this);
    }
  }
}
