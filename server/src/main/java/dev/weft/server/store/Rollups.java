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
import java.util.List;
import java.util.Map;

/**
 * Keeps roll-ups current for the calls one transaction inserted, whatever order calls arrive in.
 *
 * <p>Invariant: the roll-up of a stored call is the usage of its stored subtree (the call, its
 * stored children, theirs, and so on through stored links). A newly stored call {@code n}
 * contributes its own usage plus the roll-ups its already-stored children had before this
 * transaction (the link through {@code n} was missing until now); the contribution is added to
 * {@code n} and to each stored ancestor up the parent chain, stopping at the first one not stored
 * (whose own arrival takes it from its children later). A chain that leads back to {@code n} closes
 * a cycle: that parent link is ignored. Everything is computed in memory and written in two batches.
 */
final class Rollups {

  private static final int MAX_DEPTH = 10_000;
  private static final int CHUNK = 500;

  // CROSS JOIN keeps SQLite on the parent index first (a plain join made it scan the roll-ups).
  private static final String OLD_CHILDREN = "SELECT c.parent_id, c.trace_id, r.model,"
      + " SUM(r.prompt_tokens), SUM(r.completion_tokens), SUM(r.total_tokens), SUM(r.requests),"
      + " SUM(r.cost), COUNT(r.cost) FROM calls c CROSS JOIN rollups r WHERE c.project = ?"
      + " AND c.parent_id IN (%s) AND r.project = c.project AND r.call_id = c.id"
      + " GROUP BY c.parent_id, c.trace_id, r.model";
  private static final String PARENT_OF = "SELECT parent_id, started_at FROM calls"
      + " WHERE project = ? AND id = ? AND trace_id = ?";
  private static final String ADD_ROLLUP = "INSERT INTO rollups (project, call_id, trace_id, model,"
      + " started_at, prompt_tokens, completion_tokens, total_tokens, requests, cost)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, call_id, model) DO UPDATE SET"
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

  void apply(List<CallRecord> calls) throws SQLException {
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
    write();
  }

  // The roll-ups that children stored before this transaction carry, per new parent and model.
  private Map<Key, Map<String, Usage>> oldChildren(List<CallRecord> calls) throws SQLException {
    Map<Key, Map<String, Usage>> result = new HashMap<>();
    Map<String, List<CallRecord>> byProject = new LinkedHashMap<>();
    calls.forEach(call -> byProject.computeIfAbsent(call.project(), p -> new ArrayList<>()).add(call));
    for (Map.Entry<String, List<CallRecord>> project : byProject.entrySet()) {
      List<CallRecord> parents = project.getValue();
      for (int from = 0; from < parents.size(); from += CHUNK) {
        List<CallRecord> chunk = parents.subList(from, Math.min(parents.size(), from + CHUNK));
        readOldChildren(project.getKey(), chunk, result);
      }
    }
    return result;
  }

  private void readOldChildren(String project, List<CallRecord> parents, Map<Key, Map<String, Usage>> into)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(parents.size(), "?"));
    try (PreparedStatement query = connection.prepareStatement(String.format(OLD_CHILDREN, marks))) {
      query.setString(1, project);
      for (int i = 0; i < parents.size(); i++) {
        query.setString(i + 2, parents.get(i).id());
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Key parent = new Key(project, rows.getString(1));
          CallRecord call = inserted.get(parent);
          if (call == null || !call.traceId().equals(rows.getString(2))) {
            continue; // a child in another trace is not a child
          }
          Usage usage = new Usage(rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7),
              rows.getLong(9) == 0 ? null : rows.getDouble(8));
          into.computeIfAbsent(parent, k -> new LinkedHashMap<>()).merge(rows.getString(3), usage, Usage::plus);
        }
      }
    }
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
    try (PreparedStatement query = connection.prepareStatement(PARENT_OF)) {
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

  private void write() throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    try (PreparedStatement rollups = connection.prepareStatement(ADD_ROLLUP);
        PreparedStatement rolled = connection.prepareStatement(ADD_ROLLED)) {
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
        rolled.setLong(1, sum.totalTokens());
        setDouble(rolled, 2, sum.cost());
        setDouble(rolled, 3, sum.cost());
        rolled.setString(4, key.project);
        rolled.setString(5, key.id);
        rolled.addBatch();
      }
      rollups.executeBatch();
      rolled.executeBatch();
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
