package dev.weft.server.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/** Calls for store tests: a tree in one trace, times in milliseconds from an arbitrary base. */
final class Calls {

  static final long BASE = 1_735_689_600_000_000_000L;
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  private Calls() {}

  static CallRecord call(String id, String parent, long startMs, Map<String, Usage> usage) {
    return call("team/proj", TRACE, id, parent, startMs, usage);
  }

  static CallRecord call(String project, String trace, String id, String parent, long startMs,
      Map<String, Usage> usage) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return new CallRecord(project, id, trace, parent, "op." + id, null, null, CallRecord.SUCCESS,
        BASE + startMs * 1_000_000L, BASE + (startMs + 10) * 1_000_000L, null, null, null,
        nodes.objectNode().put("id", id), nodes.textNode("out " + id), nodes.objectNode(), null, usage,
        nodes.objectNode());
  }

  static Usage tokens(long prompt, long completion, Double cost) {
    return new Usage(prompt, completion, prompt + completion, 1, cost);
  }
}
