package dev.weft.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.CallRecord;
import dev.weft.server.store.ProjectSummary;
import dev.weft.server.store.StoredCall;
import dev.weft.server.store.Usage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls and projects as the query API's JSON: Weave's call schema names, snake_case. */
final class JsonViews {

  static final ObjectMapper JSON = new ObjectMapper();

  private JsonViews() {}

  static ObjectNode project(ProjectSummary project) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", project.name());
    node.put("team", project.name().split("/", 2)[0]);
    node.put("project", project.name().split("/", 2)[1]);
    node.put("calls", project.calls());
    node.put("traces", project.traces());
    node.put("last_call_at", iso(project.lastCallNs()));
    return node;
  }

  /** A call without its payloads: what lists and trees show. */
  static ObjectNode summary(StoredCall stored) {
    CallRecord call = stored.call();
    ObjectNode node = JSON.createObjectNode();
    node.put("project", call.project());
    node.put("id", call.id());
    node.put("trace_id", call.traceId());
    node.put("parent_id", call.parentId());
    node.put("op_name", call.opName());
    node.put("display_name", call.displayName());
    node.put("kind", call.kind());
    node.put("status", call.status());
    node.put("started_at", iso(call.startedNs()));
    node.put("ended_at", iso(call.endedNs()));
    node.put("started_ms", call.startedNs() / 1e6);
    node.put("latency_ms", (call.endedNs() - call.startedNs()) / 1e6);
    node.put("model", call.model());
    node.put("thread_id", call.threadId());
    node.put("turn_id", call.turnId());
    node.set("exception", call.exception());
    ObjectNode summary = node.putObject("summary");
    summary.set("usage", usage(stored.rollup()));
    summary.put("total_tokens", stored.rolledTokens());
    summary.put("cost", stored.rolledCost());
    node.put("link", "/" + call.project() + "/r/call/" + call.id());
    return node;
  }

  /** Everything about a call. */
  static ObjectNode full(StoredCall stored) {
    CallRecord call = stored.call();
    ObjectNode node = summary(stored);
    node.set("inputs", call.inputs());
    node.set("output", call.output());
    node.set("attributes", call.attributes());
    node.set("usage", usage(call.usage()));
    node.set("otel", call.otel());
    return node;
  }

  static ObjectNode usage(Map<String, Usage> byModel) {
    ObjectNode node = JSON.createObjectNode();
    byModel.forEach((model, usage) -> node.set(model, usage(usage)));
    return node;
  }

  static ObjectNode usage(Usage usage) {
    ObjectNode node = JSON.createObjectNode();
    node.put("prompt_tokens", usage.promptTokens());
    node.put("completion_tokens", usage.completionTokens());
    node.put("total_tokens", usage.totalTokens());
    node.put("requests", usage.requests());
    node.put("cost", usage.cost());
    return node;
  }

  /**
   * The calls of a trace in tree order (depth first, children by start time), each with its
   * {@code depth} and {@code child_count}. Calls whose parent is not in the trace are roots; a
   * parent cycle is cut where it is first met, so every call appears exactly once.
   */
  static ArrayNode tree(List<StoredCall> calls) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      index.putIfAbsent(calls.get(i).call().id(), i);
    }
    List<List<Integer>> children = new ArrayList<>();
    calls.forEach(call -> children.add(new ArrayList<>()));
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      Integer parent = index.get(String.valueOf(calls.get(i).call().parentId()));
      if (parent == null || parent == i) {
        roots.add(i);
      } else {
        children.get(parent).add(i);
      }
    }
    ArrayNode out = JSON.createArrayNode();
    boolean[] visited = new boolean[calls.size()];
    for (int root : roots) {
      walk(root, calls, children, visited, out);
    }
    for (int i = 0; i < calls.size(); i++) {
      if (!visited[i]) {
        walk(i, calls, children, visited, out); // a call in a parent cycle
      }
    }
    return out;
  }

  private static void walk(int start, List<StoredCall> calls, List<List<Integer>> children,
      boolean[] visited, ArrayNode out) {
    Deque<int[]> stack = new ArrayDeque<>(); // {call, depth}
    stack.push(new int[] {start, 0});
    while (!stack.isEmpty()) {
      int[] next = stack.pop();
      if (visited[next[0]]) {
        continue;
      }
      visited[next[0]] = true;
      ObjectNode node = summary(calls.get(next[0]));
      node.put("depth", next[1]);
      node.put("child_count", children.get(next[0]).size());
      out.add(node);
      List<Integer> kids = children.get(next[0]);
      for (int k = kids.size() - 1; k >= 0; k--) {
        stack.push(new int[] {kids.get(k), next[1] + 1});
      }
    }
  }

  static String iso(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).toString();
  }
}
