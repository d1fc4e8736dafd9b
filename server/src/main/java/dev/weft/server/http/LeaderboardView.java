package dev.weft.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.JdbcStore;
import dev.weft.server.store.StoredCall;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weave's leaderboards over stored evaluation runs: columns of (evaluation, scorer, metric path,
 * minimize?), one row per model with the value of its latest successful run of each column's
 * evaluation, ranked by the first column. Columns come from a published definition ({@code name=}: the
 * latest {@code Leaderboard.publish} call of that name), from {@code columns=} (a JSON array of {@code
 * {"evaluation", "scorer_name", "summary_metric_path", "should_minimize"}}), or else every metric of
 * every evaluation.
 */
final class LeaderboardView {

  static final String PUBLISH = "Leaderboard.publish";

  private LeaderboardView() {}

  /** The published definitions, latest per name. */
  static ObjectNode published(JdbcStore store, String project) throws SQLException {
    ObjectNode body = JsonViews.JSON.createObjectNode();
    ArrayNode boards = body.putArray("leaderboards");
    definitions(store, project).values().forEach(boards::add);
    return body;
  }

  static ObjectNode leaderboard(JdbcStore store, String project, Exchange exchange)
      throws SQLException, HttpError {
    String name = exchange.query("name");
    String columnsParam = exchange.query("columns");
    if (name != null && columnsParam != null) {
      throw new HttpError(400, "give either name or columns, not both");
    }
    List<ObjectNode> runs = latestRuns(store, project);
    ObjectNode board = JsonViews.JSON.createObjectNode();
    if (name != null) {
      ObjectNode definition = definitions(store, project).get(name);
      if (definition == null) {
        throw new HttpError(404, "no leaderboard named '" + name + "' in " + project);
      }
      board.setAll(definition);
      board.set("columns", columns(definition.get("columns")));
      board.put("source", "published");
    } else if (columnsParam != null) {
      board.put("name", "Leaderboard");
      board.set("columns", columns(parse(columnsParam)));
      board.put("source", "query");
    } else {
      board.put("name", "All metrics");
      board.set("columns", everyMetric(runs));
      board.put("source", "all");
    }
    board.set("rows", rank((ArrayNode) board.get("columns"), runs));
    return board;
  }

  /** Latest successful run per (evaluation, model), newest first. */
  private static List<ObjectNode> latestRuns(JdbcStore store, String project) throws SQLException {
    Map<String, ObjectNode> latest = new LinkedHashMap<>();
    for (StoredCall call : store.callsWithPayloads(project, EvaluationViews.EVALUATE, EvaluationViews.MAX_RUNS)) {
      ObjectNode run = EvaluationViews.run(call);
      if ("success".equals(call.call().status()) && run.hasNonNull("evaluation") && run.hasNonNull("model")) {
        latest.putIfAbsent(run.get("evaluation").asText() + "\u0000" + run.get("model").asText(), run);
      }
    }
    return new ArrayList<>(latest.values());
  }

  private static Map<String, ObjectNode> definitions(JdbcStore store, String project) throws SQLException {
    Map<String, ObjectNode> boards = new LinkedHashMap<>();
    for (StoredCall call : store.callsWithPayloads(project, PUBLISH, EvaluationViews.MAX_RUNS)) {
      JsonNode inputs = call.call().inputs();
      String name = EvaluationViews.text(inputs, "name");
      if (name != null && inputs.path("columns").isArray() && !boards.containsKey(name)) {
        ObjectNode board = JsonViews.JSON.createObjectNode();
        board.put("name", name);
        board.put("description", inputs.path("description").asText(""));
        board.set("columns", inputs.get("columns"));
        board.put("published_at", JsonViews.iso(call.call().startedNs()));
        board.put("call_id", call.call().id());
        boards.put(name, board);
      }
    }
    return boards;
  }

  private static JsonNode parse(String json) throws HttpError {
    try {
      return JsonViews.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "columns must be a JSON array of {evaluation, scorer_name, summary_metric_path,"
          + " should_minimize}: " + e.getOriginalMessage());
    }
  }

  /** Columns checked and in Weave's names; {@code scorer}, {@code metric}, {@code minimize} are accepted too. */
  static ArrayNode columns(JsonNode given) throws HttpError {
    if (given == null || !given.isArray() || given.isEmpty()) {
      throw new HttpError(400, "columns must be a non-empty JSON array of {evaluation, scorer_name,"
          + " summary_metric_path, should_minimize}");
    }
    ArrayNode columns = JsonViews.JSON.createArrayNode();
    for (JsonNode column : given) {
      String evaluation = EvaluationViews.text(column, "evaluation");
      String scorer = first(column, "scorer_name", "scorer");
      String path = first(column, "summary_metric_path", "metric");
      if (evaluation == null || scorer == null || path == null) {
        throw new HttpError(400, "each column needs evaluation, scorer_name and summary_metric_path, got " + column);
      }
      JsonNode minimize = column.has("should_minimize") ? column.get("should_minimize") : column.get("minimize");
      if (minimize != null && !minimize.isBoolean()) {
        throw new HttpError(400, "should_minimize must be true or false, got " + minimize);
      }
      columns.add(column(evaluation, scorer, path, minimize == null ? minimizedByDefault(scorer) : minimize.asBoolean()));
    }
    return columns;
  }

  private static String first(JsonNode column, String name, String alias) {
    String value = EvaluationViews.text(column, name);
    return value != null ? value : EvaluationViews.text(column, alias);
  }

  private static ObjectNode column(String evaluation, String scorer, String path, boolean minimize) {
    ObjectNode column = JsonViews.JSON.createObjectNode();
    column.put("evaluation", evaluation);
    column.put("scorer_name", scorer);
    column.put("summary_metric_path", path);
    column.put("should_minimize", minimize);
    return column;
  }

  /** Every numeric summary leaf of every evaluation, evaluations by name, metrics as first seen. */
  private static ArrayNode everyMetric(List<ObjectNode> runs) {
    Map<String, Map<String, ObjectNode>> byEvaluation = new java.util.TreeMap<>();
    for (ObjectNode run : runs) {
      Map<String, Double> leaves = new LinkedHashMap<>();
      EvaluationViews.leaves("", run.get("summary"), leaves);
      Map<String, ObjectNode> columns = byEvaluation.computeIfAbsent(run.get("evaluation").asText(),
          e -> new LinkedHashMap<>());
      for (String leaf : leaves.keySet()) {
        int dot = leaf.indexOf('.');
        String scorer = dot < 0 ? leaf : leaf.substring(0, dot);
        columns.putIfAbsent(leaf, column(run.get("evaluation").asText(), scorer,
            dot < 0 ? "" : leaf.substring(dot + 1), minimizedByDefault(scorer)));
      }
    }
    ArrayNode all = JsonViews.JSON.createArrayNode();
    byEvaluation.values().forEach(columns -> columns.values().forEach(all::add));
    return all;
  }

  static boolean minimizedByDefault(String scorerOrPath) {
    return scorerOrPath.startsWith("model_latency");
  }

  private static ArrayNode rank(ArrayNode columns, List<ObjectNode> runs) {
    Map<String, ObjectNode> byModel = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      JsonNode column = columns.get(c);
      for (ObjectNode run : runs) {
        if (!run.get("evaluation").asText().equals(column.get("evaluation").asText())) {
          continue;
        }
        JsonNode value = run.get("summary").path(column.get("scorer_name").asText());
        String path = column.get("summary_metric_path").asText();
        for (String key : path.isEmpty() ? new String[0] : path.split("\\.")) {
          value = value.path(key);
        }
        if (!value.isNumber() && !value.isBoolean()) {
          continue;
        }
        ObjectNode row = byModel.computeIfAbsent(run.get("model").asText(), model -> newRow(model, columns.size()));
        ObjectNode cell = JsonViews.JSON.createObjectNode();
        cell.put("value", value.isBoolean() ? (value.asBoolean() ? 1.0 : 0.0) : value.asDouble());
        cell.put("evaluation_id", run.get("id").asText());
        cell.put("link", run.get("link").asText());
        ((ArrayNode) row.get("values")).set(c, cell);
      }
    }
    List<ObjectNode> rows = new ArrayList<>(byModel.values());
    boolean minimize = columns.get(0) != null && columns.get(0).path("should_minimize").asBoolean();
    rows.sort(Comparator.comparing((ObjectNode row) -> firstValue(row, minimize))
        .thenComparing(row -> row.get("model").asText()));
    ArrayNode out = JsonViews.JSON.createArrayNode();
    rows.forEach(out::add);
    return out;
  }

  private static double firstValue(ObjectNode row, boolean minimize) {
    JsonNode cell = row.get("values").get(0);
    if (cell == null || cell.isNull()) {
      return Double.POSITIVE_INFINITY;
    }
    return minimize ? cell.get("value").asDouble() : -cell.get("value").asDouble();
  }

  private static ObjectNode newRow(String model, int columns) {
    ObjectNode row = JsonViews.JSON.createObjectNode();
    row.put("model", model);
    ArrayNode values = row.putArray("values");
    for (int i = 0; i < columns; i++) {
      values.addNull();
    }
    return row;
  }
}
