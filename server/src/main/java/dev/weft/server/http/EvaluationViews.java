package dev.weft.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.CallRecord;
import dev.weft.server.store.JdbcStore;
import dev.weft.server.store.StoredCall;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluations read from stored calls, as Weave's evaluation pages show them: an evaluation run is an
 * {@code Evaluation.evaluate} call (inputs {@code self} = evaluation name, {@code model}; output = the
 * summary); its rows are its {@code Evaluation.predict_and_score} calls (inputs {@code example}; output
 * {@code output}, {@code scores}, {@code model_latency}; tokens and cost from their roll-ups). Rows run
 * on pool threads without the trace context are roots carrying the evaluate call's id as the attribute
 * {@code weft_evaluation_call_id}; they are found by it within the run's time span.
 */
final class EvaluationViews {

  static final String EVALUATE = "Evaluation.evaluate";
  static final String PREDICT_AND_SCORE = "Evaluation.predict_and_score";
  static final String CALL_ATTRIBUTE = "weft_evaluation_call_id";
  static final int MAX_RUNS = 1000;
  static final int MAX_ROWS = 10_000;
  static final int MAX_COMPARED = 8;

  private EvaluationViews() {}

  static ObjectNode list(JdbcStore store, String project, Exchange exchange)
      throws SQLException, HttpError {
    int limit = QueryParams.integer(exchange, "limit", 100, 1, MAX_RUNS);
    String name = exchange.query("evaluation");
    ObjectNode body = JsonViews.JSON.createObjectNode();
    ArrayNode runs = body.putArray("evaluations");
    for (StoredCall call : store.callsWithPayloads(project, EVALUATE, MAX_RUNS)) {
      if (runs.size() < limit && (name == null || name.equals(text(call.call().inputs(), "self")))) {
        runs.add(run(call));
      }
    }
    return body;
  }

  static ObjectNode detail(JdbcStore store, String project, String id)
      throws SQLException, HttpError {
    StoredCall call = evaluateCall(store, project, id);
    ObjectNode body = run(call);
    ArrayNode rows = body.putArray("rows");
    rows(store, call).forEach(row -> rows.add(row(row)));
    body.put("row_count", rows.size());
    int errors = 0;
    for (JsonNode row : rows) {
      errors += "error".equals(row.get("status").asText()) || row.hasNonNull("error") ? 1 : 0;
    }
    body.put("error_count", errors);
    return body;
  }

  /** Two or more runs side by side: every summary metric, then rows matched by their dataset example. */
  static ObjectNode compare(JdbcStore store, String project, Exchange exchange)
      throws SQLException, HttpError {
    String ids = exchange.query("ids");
    List<String> wanted = ids == null ? List.of() : List.of(ids.split(","));
    if (wanted.size() < 2 || wanted.size() > MAX_COMPARED || new LinkedHashSet<>(wanted).size() != wanted.size()) {
      throw new HttpError(400, "ids must name 2 to " + MAX_COMPARED
          + " different evaluation calls, comma-separated, got '" + (ids == null ? "" : ids) + "'");
    }
    ObjectNode body = JsonViews.JSON.createObjectNode();
    ArrayNode runs = body.putArray("evaluations");
    Map<String, ObjectNode> matched = new LinkedHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      StoredCall call = evaluateCall(store, project, wanted.get(i));
      runs.add(run(call));
      for (StoredCall row : rows(store, call)) {
        JsonNode example = row.call().inputs().path("example");
        ObjectNode match = matched.computeIfAbsent(canonical(example), key -> newMatch(example, wanted.size()));
        ((ArrayNode) match.get("results").get(i)).add(row(row));
      }
    }
    body.set("metrics", metrics(runs));
    ArrayNode rows = body.putArray("rows");
    matched.values().forEach(rows::add);
    return body;
  }

  static StoredCall evaluateCall(JdbcStore store, String project, String id)
      throws SQLException, HttpError {
    StoredCall call = store.call(project, id);
    if (call == null || !EVALUATE.equals(call.call().opName())) {
      throw new HttpError(404, "no evaluation " + id + " in " + project);
    }
    return call;
  }

  /** The run's rows: its predict_and_score children, and the roots that name it, in start order. */
  static List<StoredCall> rows(JdbcStore store, StoredCall evaluate) throws SQLException {
    CallRecord call = evaluate.call();
    Map<String, StoredCall> rows = new LinkedHashMap<>();
    for (StoredCall row : store.childrenWithPayloads(call.project(), call.id(), PREDICT_AND_SCORE, MAX_ROWS)) {
      rows.put(row.call().id(), row);
    }
    for (StoredCall row : store.rootsWithPayloads(call.project(), PREDICT_AND_SCORE, call.startedNs(),
        call.endedNs(), MAX_ROWS)) {
      if (call.id().equals(text(row.call().attributes(), CALL_ATTRIBUTE))) {
        rows.putIfAbsent(row.call().id(), row);
      }
    }
    List<StoredCall> ordered = new ArrayList<>(rows.values());
    ordered.sort((a, b) -> Long.compare(a.call().startedNs(), b.call().startedNs()));
    return ordered;
  }

  static ObjectNode run(StoredCall stored) {
    CallRecord call = stored.call();
    ObjectNode node = JsonViews.JSON.createObjectNode();
    node.put("id", call.id());
    node.put("trace_id", call.traceId());
    node.put("evaluation", text(call.inputs(), "self"));
    node.put("model", text(call.inputs(), "model"));
    node.put("status", call.status());
    node.put("started_at", JsonViews.iso(call.startedNs()));
    node.put("latency_ms", (call.endedNs() - call.startedNs()) / 1e6);
    node.set("summary", call.output() != null && call.output().isObject() ? call.output()
        : JsonViews.JSON.createObjectNode());
    node.put("total_tokens", stored.rolledTokens());
    node.put("cost", stored.rolledCost());
    node.set("exception", call.exception());
    node.put("link", "/" + call.project() + "/evaluations/" + call.id());
    node.put("call_link", "/" + call.project() + "/r/call/" + call.id());
    return node;
  }

  static ObjectNode row(StoredCall stored) {
    CallRecord call = stored.call();
    JsonNode output = call.output() == null ? JsonViews.JSON.nullNode() : call.output();
    ObjectNode node = JsonViews.JSON.createObjectNode();
    node.put("id", call.id());
    node.put("status", call.status());
    node.set("example", call.inputs().path("example").isMissingNode() ? call.inputs() : call.inputs().get("example"));
    node.set("output", output.path("output").isMissingNode() ? null : output.get("output"));
    node.set("scores", output.path("scores").isObject() ? output.get("scores") : JsonViews.JSON.createObjectNode());
    node.set("model_latency", output.path("model_latency").isNumber() ? output.get("model_latency") : null);
    node.put("latency_ms", (call.endedNs() - call.startedNs()) / 1e6);
    node.put("total_tokens", stored.rolledTokens());
    node.put("cost", stored.rolledCost());
    node.put("error", call.exception() == null ? null : text(call.exception(), "message"));
    node.put("link", "/" + call.project() + "/r/call/" + call.id());
    return node;
  }

  /** Every numeric leaf of the runs' summaries ({@code exact_match.mean}), with each run's value. */
  static ArrayNode metrics(ArrayNode runs) {
    Map<String, Double[]> byPath = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      Map<String, Double> leaves = new LinkedHashMap<>();
      leaves("", runs.get(i).get("summary"), leaves);
      int run = i;
      leaves.forEach((path, value) -> byPath.computeIfAbsent(path, p -> new Double[runs.size()])[run] = value);
    }
    ArrayNode metrics = JsonViews.JSON.createArrayNode();
    byPath.forEach((path, values) -> {
      ObjectNode metric = metrics.addObject();
      metric.put("path", path);
      metric.put("minimize", LeaderboardView.minimizedByDefault(path));
      ArrayNode array = metric.putArray("values");
      for (Double value : values) {
        array.add(value == null ? JsonViews.JSON.nullNode() : JsonViews.JSON.getNodeFactory().numberNode(value));
      }
    });
    return metrics;
  }

  static void leaves(String prefix, JsonNode node, Map<String, Double> into) {
    if (node == null) {
      return;
    }
    if (node.isNumber()) {
      into.put(prefix, node.asDouble());
    } else if (node.isBoolean()) {
      into.put(prefix, node.asBoolean() ? 1.0 : 0.0);
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
          e.getValue(), into));
    }
  }

  private static ObjectNode newMatch(JsonNode example, int runs) {
    ObjectNode match = JsonViews.JSON.createObjectNode();
    match.set("example", example);
    ArrayNode results = match.putArray("results");
    for (int i = 0; i < runs; i++) {
      results.addArray();
    }
    return match;
  }

  /** The example as JSON with object keys sorted: rows match whatever order their fields were in. */
  static String canonical(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach((k, v) -> out.append(out.length() > 1 ? "," : "")
          .append(JsonViews.JSON.getNodeFactory().textNode(k)).append(':').append(canonical(v)));
      return out.append('}').toString();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(canonical(item)));
      return "[" + String.join(",", items) + "]";
    }
    return node.toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
  }
}
