package dev.weft.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGStatement;

/**
 * Keeps roll-ups current for the calls one transaction inserted, whatever order calls arrive in.
 *
 * <p>Invariant: the roll-up of a stored call is the usage of its stored subtree (the call, its
 * stored children, theirs, and so on through stored links). A newly stored call {@code n}
 * contributes its own usage plus the roll-ups its already-stored children had before this
 * transaction (the link through {@code n} was missing until now); the contribution is added to
 * {@code n} and to each stored ancestor up the parent chain, stopping at the first one not stored
 * (whose own arrival takes it from its children later). A chain that leads back to {@code n} closes
 * a cycle: that parent link is ignored. Everything is computed in memory before the new rows are
 * written, so a new call's row carries its roll-up from the start; the roll-up rows and the
 * ancestors stored by earlier transactions are then written in two batches.
 */
final class Rollups {

  private static final int MAX_DEPTH = 10_000;
  static final int CHUNK = 500;

  // Two single-table lookups by trace (calls_by_trace alone, then the roll-ups' key) rather than
  // one join: with a join, PostgreSQL on young statistics scanned every roll-up of the project.
  // A request's spans are mostly of new traces, which have nothing stored.
  private static final String CHILDREN = "SELECT id, parent_id, trace_id FROM calls"
      + " WHERE project = ? AND trace_id IN (%s) AND parent_id IS NOT NULL";
  private static final String ROLLUPS_OF = "SELECT call_id, model, prompt_tokens,"
      + " completion_tokens, total_tokens, requests, cost FROM rollups"
      + " WHERE project = ? AND trace_id IN (%s)";
  private static final String PARENT_OF = "SELECT parent_id, started_at FROM calls"
      + " WHERE project = ? AND id = ? AND trace_id = ?";
  private static final String ADD_ROLLUP = "INSERT INTO rollups (project, call_id, trace_id, model,"
      + " started_at, prompt_tokens, completion_tokens, total_tokens, requests, cost)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, trace_id, call_id, model)"
      + " DO UPDATE SET"
      + " prompt_tokens = rollups.prompt_tokens + excluded.prompt_tokens,"
      + " completion_tokens = rollups.completion_tokens + excluded.completion_tokens,"
      + " total_tokens = rollups.total_tokens + excluded.total_tokens,"
      + " requests = rollups.requests + excluded.requests,"
      + " cost = CASE WHEN excluded.cost IS NULL THEN rollups.cost WHEN rollups.cost IS NULL"
      + " THEN excluded.cost ELSE rollups.cost + excluded.cost END";
  private static final String ADD_ROLLED = "UPDATE calls SET rolled_tokens = rolled_tokens + ?,"
      + " rolled_cost = CASE WHEN CAST(? AS DOUBLE PRECISION) IS NULL THEN rolled_cost"
      + " ELSE COALESCE(rolled_cost, 0) + ? END WHERE project = ? AND id = ?";

  private final Connection connection;
  private final Map<Key, CallRecord> inserted = new HashMap<>();
  private final Map<Key, Node> stored = new HashMap<>(); // looked-up ancestors; NONE when absent
  private final Map<Key, Delta> deltas = new LinkedHashMap<>();

  Rollups(Connection connection) {
    this.connection = connection;
  }

  /** Computes what {@code calls}, about to be inserted, add to roll-ups; reads stored calls only. */
  void compute(List<CallRecord> calls) throws SQLException {
    calls.forEach(call -> inserted.put(new Key(call.project(), call.id()), call));
    Map<Key, Map<String, Usage>> oldChildren = oldChildren(calls);
    for (CallRecord call : calls) {
      Map<String, Usage> contribution = new LinkedHashMap<>(call.usage());
      oldChildren.getOrDefault(new Key(call.project(), call.id()), Map.of())
          .forEach((model, usage) -> contribution.merge(model, usage, Usage::plus));
      if (contribution.isEmpty()) {
        continue;
      }
      add(new Key(call.project(), call.id()), new Node(call.parentId(), call.startedNs()), call, contribution);
      for (Map.Entry<Key, Node> ancestor : ancestors(call).entrySet()) {
        add(ancestor.getKey(), ancestor.getValue(), call, contribution);
      }
    }
  }

  /** The roll-up of a new call (its own usage and its stored subtree's), summed over models. */
  Usage rolled(CallRecord call) {
    Delta delta = deltas.get(new Key(call.project(), call.id()));
    Usage sum = Usage.NONE;
    if (delta != null) {
      for (Usage usage : delta.byModel.values()) {
        sum = sum.plus(usage);
      }
    }
    return sum;
  }

  // The roll-ups that children stored before this transaction carry, per new parent and model.
  private Map<Key, Map<String, Usage>> oldChildren(List<CallRecord> calls) throws SQLException {
    Map<String, Set<String>> traces = new LinkedHashMap<>(); // project -> traces of new calls
    calls.forEach(call -> traces.computeIfAbsent(call.project(), p -> new LinkedHashSet<>())
        .add(call.traceId()));
    Map<String, Set<String>> withChildren = new LinkedHashMap<>(); // project -> traces
    Map<Key, Key> parentOf = new HashMap<>();
    for (Map.Entry<String, Set<String>> project : traces.entrySet()) {
      for (List<String> chunk : chunks(new ArrayList<>(project.getValue()))) {
        readChildren(project.getKey(), chunk, parentOf, withChildren);
      }
    }
    Map<Key, Map<String, Usage>> result = new HashMap<>();
    for (Map.Entry<String, Set<String>> project : withChildren.entrySet()) {
      for (List<String> chunk : chunks(new ArrayList<>(project.getValue()))) {
        readRollups(project.getKey(), chunk, parentOf, result);
      }
    }
    return result;
  }

  // Reads the stored calls of the traces (index only) and keeps the children of new calls.
  private void readChildren(String project, List<String> traceIds, Map<Key, Key> parentOf,
      Map<String, Set<String>> withChildren) throws SQLException {
    try (PreparedStatement query = prepareIn(connection, CHILDREN, project, traceIds);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        Key child = new Key(project, rows.getString(1));
        Key parent = new Key(project, rows.getString(2));
        CallRecord call = inserted.get(parent);
        // A child in another trace is not a child; one new in this transaction has no roll-up yet.
        if (call != null && call.traceId().equals(rows.getString(3)) && !inserted.containsKey(child)) {
          parentOf.put(child, parent);
          withChildren.computeIfAbsent(project, p -> new LinkedHashSet<>()).add(call.traceId());
        }
      }
    }
  }

  private void readRollups(String project, List<String> traceIds, Map<Key, Key> parentOf,
      Map<Key, Map<String, Usage>> into) throws SQLException {
    try (PreparedStatement query = prepareIn(connection, ROLLUPS_OF, project, traceIds);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        Key parent = parentOf.get(new Key(project, rows.getString(1)));
        if (parent == null) {
          continue; // not a stored child of a new call
        }
        Double cost = rows.getObject(7) == null ? null : rows.getDouble(7);
        Usage usage = new Usage(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), cost);
        into.computeIfAbsent(parent, k -> new LinkedHashMap<>()).merge(rows.getString(2), usage, Usage::plus);
      }
    }
  }

  static PreparedStatement prepareIn(Connection connection, String sql, String project,
      List<String> ids) throws SQLException {
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    PreparedStatement query = customPlan(connection.prepareStatement(String.format(sql, marks)));
    query.setString(1, project);
    for (int i = 0; i < ids.size(); i++) {
      query.setString(i + 2, ids.get(i));
    }
    return query;
  }

  /**
   * PostgreSQL: plans the statement at every execution. A server-side prepared statement keeps the
   * generic plan made while the tables were young (a sequential scan of calls, hundreds of ms per
   * request once the table has grown) until autovacuum analyzes them, a minute or more later.
   */
  static PreparedStatement customPlan(PreparedStatement statement) throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return statement;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return chunks;
  }

  private Map<Key, Node> ancestors(CallRecord call) throws SQLException {
    Map<Key, Node> chain = new LinkedHashMap<>();
    String parent = call.parentId();
    while (parent != null && chain.size() < MAX_DEPTH) {
      if (parent.equals(call.id())) {
        return Map.of();
      }
      Key key = new Key(call.project(), parent);
      if (chain.containsKey(key)) {
        break;
      }
      Node node = node(key, call.traceId());
      if (node == null) {
        break;
      }
      chain.put(key, node);
      parent = node.parentId;
    }
    return chain;
  }

  private Node node(Key key, String traceId) throws SQLException {
    CallRecord batch = inserted.get(key);
    if (batch != null) {
      return batch.traceId().equals(traceId) ? new Node(batch.parentId(), batch.startedNs()) : null;
    }
    Node node = stored.get(key);
    if (node == null) {
      node = lookUp(key, traceId);
      stored.put(key, node);
    }
    return node == Node.NONE ? null : node;
  }

  private Node lookUp(Key key, String traceId) throws SQLException {
    try (PreparedStatement query = customPlan(connection.prepareStatement(PARENT_OF))) {
      query.setString(1, key.project);
      query.setString(2, key.id);
      query.setString(3, traceId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? new Node(rows.getString(1), rows.getLong(2)) : Node.NONE;
      }
    }
  }

  private void add(Key key, Node node, CallRecord from, Map<String, Usage> contribution) {
    Delta delta = deltas.computeIfAbsent(key, k -> new Delta(from.traceId(), node.startedNs));
    contribution.forEach((model, usage) -> delta.byModel.merge(model, usage, Usage::plus));
  }

  /** Writes the roll-up rows, and adds to the rolled columns of calls stored before. */
  void write() throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    try (PreparedStatement rollups = connection.prepareStatement(ADD_ROLLUP);
        PreparedStatement rolled = connection.prepareStatement(ADD_ROLLED)) {
      boolean anyRolled = false;
      for (Map.Entry<Key, Delta> entry : deltas.entrySet()) {
        Key key = entry.getKey();
        Delta delta = entry.getValue();
        Usage sum = Usage.NONE;
        for (Map.Entry<String, Usage> model : delta.byModel.entrySet()) {
          rollups.setString(1, key.project);
          rollups.setString(2, key.id);
          rollups.setString(3, delta.traceId);
          rollups.setString(4, model.getKey());
          rollups.setLong(5, delta.startedNs);
          bindUsage(rollups, 6, model.getValue());
          rollups.addBatch();
          sum = sum.plus(model.getValue());
        }
        if (!inserted.containsKey(key)) { // a new call's row was inserted with its roll-up
          rolled.setLong(1, sum.totalTokens());
          setDouble(rolled, 2, sum.cost());
          setDouble(rolled, 3, sum.cost());
          rolled.setString(4, key.project);
          rolled.setString(5, key.id);
          rolled.addBatch();
          anyRolled = true;
        }
      }
      rollups.executeBatch();
      if (anyRolled) {
        rolled.executeBatch();
      }
    }
  }

  static void bindUsage(PreparedStatement statement, int first, Usage usage) throws SQLException {
    statement.setLong(first, usage.promptTokens());
    statement.setLong(first + 1, usage.completionTokens());
    statement.setLong(first + 2, usage.totalTokens());
    statement.setLong(first + 3, usage.requests());
    setDouble(statement, first + 4, usage.cost());
  }

  static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  private record Key(String project, String id) {}

  private record Node(String parentId, long startedNs) {
    static final Node NONE = new Node(null, Long.MIN_VALUE);
  }

  private static final class Delta {
    final String traceId;
    final long startedNs;
    final Map<String, Usage> byModel = new LinkedHashMap<>();

    Delta(String traceId, long startedNs) {
      this.traceId = traceId;
      this.startedNs = startedNs;
    }
  }
}
