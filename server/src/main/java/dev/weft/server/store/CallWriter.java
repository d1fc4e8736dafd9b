package dev.weft.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inserts calls inside one transaction, in batches: the rows (a call already stored is skipped),
 * their own usage, the project and op counters; then {@link Rollups} for the calls inserted.
 */
final class CallWriter {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final String INSERT_CALL = "INSERT INTO calls (project, id, trace_id, parent_id,"
      + " op_name, display_name, kind, status, started_at, ended_at, latency_ns, model, thread_id,"
      + " turn_id, inputs, output, attributes, exception, otel, ingested_at, rolled_tokens,"
      + " rolled_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_OWN_USAGE = "INSERT INTO call_usage (project, call_id,"
      + " trace_id, model, started_at, prompt_tokens, completion_tokens, total_tokens, requests, cost)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String STORED_IDS = "SELECT id FROM calls WHERE project = ? AND id IN (%s)";
  private static final String TOUCH_PROJECT = "INSERT INTO projects (name, created_at,"
      + " last_call_at, call_count, trace_count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE"
      + " SET last_call_at = CASE WHEN excluded.last_call_at > projects.last_call_at"
      + " THEN excluded.last_call_at ELSE projects.last_call_at END,"
      + " call_count = projects.call_count + excluded.call_count,"
      + " trace_count = projects.trace_count + excluded.trace_count";
  private static final String TOUCH_OP = "INSERT INTO ops (project, op_name, call_count,"
      + " last_call_at, trace_count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, op_name) DO UPDATE"
      + " SET last_call_at = CASE WHEN excluded.last_call_at > ops.last_call_at"
      + " THEN excluded.last_call_at ELSE ops.last_call_at END,"
      + " call_count = ops.call_count + excluded.call_count,"
      + " trace_count = ops.trace_count + excluded.trace_count";

  private final Connection connection;

  CallWriter(Connection connection) {
    this.connection = connection;
  }

  /**
   * The JSON text of each call's inputs, output, attributes, exception and otel columns. Written
   * before the transaction, so that only database work holds the (SQLite) writer.
   */
  static List<String[]> jsonColumns(List<CallRecord> calls) {
    List<String[]> columns = new ArrayList<>(calls.size());
    for (CallRecord call : calls) {
      columns.add(new String[] {json(call.inputs()), json(call.output()), json(call.attributes()),
          json(call.exception()), json(call.otel())});
    }
    return columns;
  }

  /** Inserts {@code calls}, whose JSON columns {@link #jsonColumns} wrote, in that order. */
  JdbcStore.InsertResult insert(List<CallRecord> calls, List<String[]> json) throws SQLException {
    List<Integer> fresh = notStored(calls);
    List<CallRecord> inserted = new ArrayList<>(fresh.size());
    fresh.forEach(i -> inserted.add(calls.get(i)));
    // Roll-ups first: a new call's row is written once, with its roll-up; only calls stored by
    // earlier transactions are updated.
    Rollups rollups = new Rollups(connection);
    rollups.compute(inserted);
    insertRows(calls, json, fresh, rollups);
    insertOwnUsage(inserted);
    rollups.write();
    // Last: in PostgreSQL the counter rows stay locked until commit, and every ingest touches them.
    touchCounters(inserted);
    return new JdbcStore.InsertResult(inserted.size(), calls.size() - inserted.size());
  }

  // Indexes of the calls to insert: not stored yet (an exporter's retry is skipped), each id once.
  // Only a concurrent transaction can store one of them after this (another server on the same
  // PostgreSQL; a span id reused in another trace): the INSERT then fails and the request is
  // answered 503, to be retried.
  private List<Integer> notStored(List<CallRecord> calls) throws SQLException {
    Map<String, List<String>> ids = new LinkedHashMap<>(); // project -> ids
    calls.forEach(call -> ids.computeIfAbsent(call.project(), p -> new ArrayList<>()).add(call.id()));
    Set<List<String>> stored = new HashSet<>();
    for (Map.Entry<String, List<String>> project : ids.entrySet()) {
      List<String> all = project.getValue();
      for (int from = 0; from < all.size(); from += Rollups.CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + Rollups.CHUNK));
        try (PreparedStatement query = Rollups.prepareIn(connection, STORED_IDS, project.getKey(), chunk);
            ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            stored.add(List.of(project.getKey(), rows.getString(1)));
          }
        }
      }
    }
    List<Integer> fresh = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      if (stored.add(List.of(calls.get(i).project(), calls.get(i).id()))) {
        fresh.add(i);
      }
    }
    return fresh;
  }

  private void insertRows(List<CallRecord> calls, List<String[]> json, List<Integer> fresh,
      Rollups rollups) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_CALL)) {
      for (int i : fresh) {
        CallRecord call = calls.get(i);
        bindCall(insert, call, json.get(i), now);
        Usage rolled = rollups.rolled(call);
        insert.setLong(21, rolled.totalTokens());
        Rollups.setDouble(insert, 22, rolled.cost());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void bindCall(PreparedStatement insert, CallRecord call, String[] json, long now)
      throws SQLException {
    insert.setString(1, call.project());
    insert.setString(2, call.id());
    insert.setString(3, call.traceId());
    insert.setString(4, call.parentId());
    insert.setString(5, call.opName());
    insert.setString(6, call.displayName());
    insert.setString(7, call.kind());
    insert.setString(8, call.status());
    insert.setLong(9, call.startedNs());
    insert.setLong(10, call.endedNs());
    insert.setLong(11, call.endedNs() - call.startedNs());
    insert.setString(12, call.model());
    insert.setString(13, call.threadId());
    insert.setString(14, call.turnId());
    for (int column = 0; column < json.length; column++) {
      insert.setString(15 + column, json[column]);
    }
    insert.setLong(20, now);
  }

  private void insertOwnUsage(List<CallRecord> calls) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT_OWN_USAGE)) {
      boolean any = false;
      for (CallRecord call : calls) {
        for (Map.Entry<String, Usage> entry : call.usage().entrySet()) {
          statement.setString(1, call.project());
          statement.setString(2, call.id());
          statement.setString(3, call.traceId());
          statement.setString(4, entry.getKey());
          statement.setLong(5, call.startedNs());
          Rollups.bindUsage(statement, 6, entry.getValue());
          statement.addBatch();
          any = true;
        }
      }
      if (any) {
        statement.executeBatch();
      }
    }
  }

  private void touchCounters(List<CallRecord> calls) throws SQLException {
    Map<String, long[]> projects = new LinkedHashMap<>(); // name -> calls, traces, last start
    Map<List<String>, long[]> ops = new LinkedHashMap<>(); // (project, op) -> calls, last start, traces
    for (CallRecord call : calls) {
      long[] project = projects.computeIfAbsent(call.project(), p -> new long[3]);
      project[0]++;
      project[1] += call.parentId() == null ? 1 : 0;
      project[2] = Math.max(project[2], call.startedNs());
      long[] op = ops.computeIfAbsent(List.of(call.project(), call.opName()), o -> new long[3]);
      op[0]++;
      op[1] = Math.max(op[1], call.startedNs());
      op[2] += call.parentId() == null ? 1 : 0;
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement statement = connection.prepareStatement(TOUCH_PROJECT)) {
      for (Map.Entry<String, long[]> entry : projects.entrySet()) {
        statement.setString(1, entry.getKey());
        statement.setLong(2, now);
        statement.setLong(3, entry.getValue()[2]);
        statement.setLong(4, entry.getValue()[0]);
        statement.setLong(5, entry.getValue()[1]);
        statement.addBatch();
      }
      statement.executeBatch();
    }
    try (PreparedStatement statement = connection.prepareStatement(TOUCH_OP)) {
      for (Map.Entry<List<String>, long[]> entry : ops.entrySet()) {
        statement.setString(1, entry.getKey().get(0));
        statement.setString(2, entry.getKey().get(1));
        statement.setLong(3, entry.getValue()[0]);
        statement.setLong(4, entry.getValue()[1]);
        statement.setLong(5, entry.getValue()[2]);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  static String json(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
