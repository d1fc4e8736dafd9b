package dev.weft.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The store's queries, on one connection. */
final class CallReader {

  private static final String LIGHT = "project, id, trace_id, parent_id, op_name, display_name,"
      + " kind, status, started_at, ended_at, model, thread_id, turn_id, exception, rolled_tokens,"
      + " rolled_cost";
  private static final String PAYLOAD = LIGHT + ", inputs, output, attributes";
  private static final String FULL = PAYLOAD + ", otel";
  private static final String USAGE_COLUMNS = "model, prompt_tokens, completion_tokens,"
      + " total_tokens, requests, cost";

  private final Connection connection;
  private final Dialect dialect;

  CallReader(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  List<ProjectSummary> projects() throws SQLException {
    List<ProjectSummary> projects = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT name, call_count,"
        + " trace_count, last_call_at FROM projects ORDER BY last_call_at DESC, name");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        projects.add(new ProjectSummary(rows.getString(1), rows.getLong(2), rows.getLong(3),
            rows.getLong(4)));
      }
    }
    return projects;
  }

  CallPage calls(String project, CallQuery query) throws SQLException {
    List<Object> params = new ArrayList<>();
    String where = where(project, query, params);
    long total = unfiltered(query) ? counted(project, query.rootsOnly())
        : onlyOp(query) ? countedOp(project, query.opName(), query.rootsOnly())
        : count(where, params);
    String direction = query.descending() ? " DESC" : " ASC";
    String order = query.sort() == CallQuery.Sort.COST
        ? "COALESCE(rolled_cost, 0)" : query.sort().column;
    params.add(query.limit());
    params.add(query.offset());
    List<CallRecord> calls = new ArrayList<>();
    try (PreparedStatement select = prepare("SELECT " + LIGHT + " FROM calls" + where
        + " ORDER BY " + order + direction + ", id" + direction + " LIMIT ? OFFSET ?", params);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        calls.add(record(rows, false, false, Map.of()));
      }
    }
    return new CallPage(withRollups(calls, rollupsOf(project, calls)), total);
  }

  private static boolean unfiltered(CallQuery query) {
    return query.opName() == null && query.status() == null && query.fromNs() == null
        && query.toNs() == null && (query.text() == null || query.text().isEmpty())
        && query.traceId() == null && query.threadId() == null;
  }

  private static boolean onlyOp(CallQuery query) {
    return query.opName() != null && unfiltered(new CallQuery(null, query.status(),
        query.rootsOnly(), query.fromNs(), query.toNs(), query.text(), query.traceId(),
        query.threadId(), query.sort(), query.descending(), query.limit(), query.offset()));
  }

  // The op's counters (V3), kept with every insert: counting the traces of one op read every one
  // of their index entries, and on PostgreSQL their rows too until vacuum had visited them.
  private long countedOp(String project, String opName, boolean roots) throws SQLException {
    try (PreparedStatement select = prepare("SELECT " + (roots ? "trace_count" : "call_count")
        + " FROM ops WHERE project = ? AND op_name = ?", List.of(project, opName));
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  // The project's counters, kept with every insert: no index scan for the unfiltered lists.
  private long counted(String project, boolean roots) throws SQLException {
    try (PreparedStatement select = prepare("SELECT " + (roots ? "trace_count" : "call_count")
        + " FROM projects WHERE name = ?", List.of(project));
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private long count(String where, List<Object> params) throws SQLException {
    try (PreparedStatement count = prepare("SELECT COUNT(*) FROM calls" + where, params);
        ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  StoredCall call(String project, String id) throws SQLException {
    CallRecord call;
    try (PreparedStatement select = prepare("SELECT " + FULL + " FROM calls"
        + " WHERE project = ? AND id = ?", List.of(project, id));
        ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      call = record(rows, true, true, ownUsage(project, id));
    }
    return withRollups(List.of(call), rollupsOf(project, List.of(call))).get(0);
  }

  List<StoredCall> trace(String project, String traceId) throws SQLException {
    List<CallRecord> calls = new ArrayList<>();
    try (PreparedStatement select = prepare("SELECT " + LIGHT + " FROM calls WHERE project = ?"
        + " AND trace_id = ? ORDER BY started_at, id", List.of(project, traceId));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        calls.add(record(rows, false, false, Map.of()));
      }
    }
    Map<String, Map<String, Usage>> rollups = new HashMap<>();
    try (PreparedStatement select = prepare("SELECT call_id, " + USAGE_COLUMNS + " FROM rollups"
        + " WHERE project = ? AND trace_id = ?", List.of(project, traceId));
        ResultSet rows = select.executeQuery()) {
      readUsage(rows, rollups);
    }
    return withRollups(calls, rollups);
  }

  /**
   * Calls of {@code opName} with inputs, output and attributes (no span dump), matching {@code
   * condition} (SQL over the calls table, with {@code params}), in the given order, up to {@code limit}.
   */
  List<StoredCall> withPayloads(String project, String opName, String condition, List<Object> params,
      String order, int limit) throws SQLException {
    List<Object> all = new ArrayList<>(List.of(project, opName));
    all.addAll(params);
    all.add(limit);
    List<CallRecord> calls = new ArrayList<>();
    try (PreparedStatement select = prepare("SELECT " + PAYLOAD + " FROM calls WHERE project = ?"
        + " AND op_name = ?" + condition + " ORDER BY " + order + " LIMIT ?", all);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        calls.add(record(rows, true, false, Map.of()));
      }
    }
    Map<String, Map<String, Usage>> rollups = new HashMap<>();
    for (int from = 0; from < calls.size(); from += 500) {
      rollups.putAll(rollupsOf(project, calls.subList(from, Math.min(calls.size(), from + 500))));
    }
    return withRollups(calls, rollups);
  }

  List<String> opNames(String project) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement select = prepare("SELECT op_name FROM ops WHERE project = ?"
        + " ORDER BY op_name", List.of(project));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  List<UsagePoint> usage(String project, long fromNs, long toNs, long bucketNs) throws SQLException {
    List<UsagePoint> points = new ArrayList<>();
    String bucket = "(started_at / " + bucketNs + ") * " + bucketNs;
    try (PreparedStatement select = prepare("SELECT " + bucket + " AS bucket, model,"
        + " SUM(prompt_tokens), SUM(completion_tokens), SUM(total_tokens), SUM(requests),"
        + " SUM(cost), COUNT(cost) FROM call_usage WHERE project = ? AND started_at >= ?"
        + " AND started_at < ? GROUP BY " + bucket + ", model ORDER BY bucket, model",
        List.of(project, fromNs, toNs));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        Usage usage = new Usage(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
            rows.getLong(8) == 0 ? null : rows.getDouble(7));
        points.add(new UsagePoint(rows.getLong(1), rows.getString(2), usage));
      }
    }
    return points;
  }

  private String where(String project, CallQuery query, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE project = ?");
    params.add(project);
    if (query.rootsOnly()) {
      where.append(" AND parent_id IS NULL");
    }
    condition(where, params, " AND op_name = ?", query.opName());
    condition(where, params, " AND status = ?", query.status());
    condition(where, params, " AND started_at >= ?", query.fromNs());
    condition(where, params, " AND started_at < ?", query.toNs());
    condition(where, params, " AND trace_id = ?", query.traceId());
    condition(where, params, " AND thread_id = ?", query.threadId());
    if (query.text() != null && !query.text().isEmpty()) {
      String pattern = "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
      // SQLite's LIKE already ignores ASCII case, and its LOWER() folds nothing else: LOWER() would
      // only copy every row's text. PostgreSQL's LIKE is case-sensitive.
      where.append(dialect == Dialect.SQLITE
          ? " AND (inputs LIKE ? ESCAPE '!' OR output LIKE ? ESCAPE '!')"
          : " AND (LOWER(inputs) LIKE ? ESCAPE '!' OR LOWER(output) LIKE ? ESCAPE '!')");
      params.add(pattern);
      params.add(pattern);
    }
    return where.toString();
  }

  private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
    if (value != null) {
      where.append(sql);
      params.add(value);
    }
  }

  static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private Map<String, Map<String, Usage>> rollupsOf(String project, List<CallRecord> calls)
      throws SQLException {
    Map<String, Map<String, Usage>> rollups = new HashMap<>();
    if (calls.isEmpty()) {
      return rollups;
    }
    List<Object> params = new ArrayList<>();
    params.add(project);
    // Roll-ups are keyed by trace, then call (V3). SQLite: both lists, each key column looked up
    // (an OR of pairs made it read every roll-up of the project); a call's roll-ups are under its
    // own trace, so pairing the lists adds no rows. PostgreSQL: the pairs (one index probe each; the
    // two lists made it probe every combination, or scan the table).
    String keys;
    if (dialect == Dialect.SQLITE) {
      Set<String> traces = new LinkedHashSet<>();
      calls.forEach(call -> traces.add(call.traceId()));
      keys = "trace_id IN (" + String.join(", ", Collections.nCopies(traces.size(), "?"))
          + ") AND call_id IN (" + String.join(", ", Collections.nCopies(calls.size(), "?")) + ")";
      params.addAll(traces);
      calls.forEach(call -> params.add(call.id()));
    } else {
      keys = String.join(" OR ", Collections.nCopies(calls.size(), "(trace_id = ? AND call_id = ?)"));
      calls.forEach(call -> params.addAll(List.of(call.traceId(), call.id())));
    }
    try (PreparedStatement select = prepare("SELECT call_id, " + USAGE_COLUMNS + " FROM rollups"
        + " WHERE project = ? AND (" + keys + ")", params);
        ResultSet rows = select.executeQuery()) {
      readUsage(rows, rollups);
    }
    return rollups;
  }

  private Map<String, Usage> ownUsage(String project, String id) throws SQLException {
    Map<String, Map<String, Usage>> usage = new HashMap<>();
    try (PreparedStatement select = prepare("SELECT call_id, " + USAGE_COLUMNS + " FROM call_usage"
        + " WHERE project = ? AND call_id = ?", List.of(project, id));
        ResultSet rows = select.executeQuery()) {
      readUsage(rows, usage);
    }
    return usage.getOrDefault(id, Map.of());
  }

  private static void readUsage(ResultSet rows, Map<String, Map<String, Usage>> into)
      throws SQLException {
    while (rows.next()) {
      Double cost = rows.getObject(7) == null ? null : rows.getDouble(7);
      Usage usage = new Usage(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), cost);
      into.computeIfAbsent(rows.getString(1), id -> new TreeMap<>())
          .put(rows.getString(2), usage);
    }
  }

  private static List<StoredCall> withRollups(List<CallRecord> calls,
      Map<String, Map<String, Usage>> rollups) {
    List<StoredCall> stored = new ArrayList<>(calls.size());
    for (CallRecord call : calls) {
      Map<String, Usage> rollup = rollups.getOrDefault(call.id(), Map.of());
      Usage sum = Usage.NONE;
      for (Usage usage : rollup.values()) {
        sum = sum.plus(usage);
      }
      stored.add(new StoredCall(call, Collections.unmodifiableMap(new LinkedHashMap<>(rollup)),
          sum.totalTokens(), sum.cost()));
    }
    return stored;
  }

  private static CallRecord record(ResultSet rows, boolean full, boolean otel, Map<String, Usage> usage)
      throws SQLException {
    return new CallRecord(rows.getString("project"), rows.getString("id"),
        rows.getString("trace_id"), rows.getString("parent_id"), rows.getString("op_name"),
        rows.getString("display_name"), rows.getString("kind"), rows.getString("status"),
        rows.getLong("started_at"), rows.getLong("ended_at"), rows.getString("model"),
        rows.getString("thread_id"), rows.getString("turn_id"),
        full ? parse(rows.getString("inputs")) : null,
        full ? parse(rows.getString("output")) : null,
        full ? parse(rows.getString("attributes")) : null,
        parse(rows.getString("exception")),
        usage,
        otel ? parse(rows.getString("otel")) : null);
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return CallWriter.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is invalid", e);
    }
  }

  private PreparedStatement prepare(String sql, List<?> params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
    return statement;
  }
}
