package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;

/**
 * The span as received, for the UI's raw view (Weave keeps the same as {@code otel_dump}). The
 * attribute that became the call's inputs or output is left out, named by {@code inputs_key} /
 * {@code output_key}, so large payloads are not stored twice.
 */
final class OtelDump {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OtelDump() {}

  static ObjectNode of(Span span, ObjectNode attributes, List<Map.Entry<String, ObjectNode>> events,
      ObjectNode resource, ObjectNode scope, SpanConverter.Found inputs, SpanConverter.Found output) {
    ObjectNode dump = NODES.objectNode();
    dump.put("name", span.getName());
    dump.put("kind", span.getKind().name().replace("SPAN_KIND_", ""));
    dump.put("trace_id", SpanChecks.hex(span.getTraceId()));
    dump.put("span_id", SpanChecks.hex(span.getSpanId()));
    dump.put("parent_id", SpanChecks.parentId(span));
    if (!span.getTraceState().isEmpty()) {
      dump.put("trace_state", span.getTraceState());
    }
    dump.put("start_time_unix_nano", span.getStartTimeUnixNano());
    dump.put("end_time_unix_nano", span.getEndTimeUnixNano());
    ObjectNode status = dump.putObject("status");
    status.put("code", span.getStatus().getCode().name().replace("STATUS_CODE_", ""));
    status.put("message", span.getStatus().getMessage());
    ObjectNode stored = shallowCopy(attributes);
    leaveOut(dump, stored, "inputs_key", inputs);
    leaveOut(dump, stored, "output_key", output);
    dump.set("attributes", stored);
    ArrayNode eventList = dump.putArray("events");
    for (int i = 0; i < events.size(); i++) {
      ObjectNode event = eventList.addObject();
      event.put("name", events.get(i).getKey());
      event.put("time_unix_nano", span.getEvents(i).getTimeUnixNano());
      event.set("attributes", events.get(i).getValue());
    }
    ArrayNode links = dump.putArray("links");
    for (Span.Link link : span.getLinksList()) {
      ObjectNode node = links.addObject();
      node.put("trace_id", SpanChecks.hex(link.getTraceId()));
      node.put("span_id", SpanChecks.hex(link.getSpanId()));
    }
    dump.putObject("resource").set("attributes", resource);
    dump.set("scope", scope);
    return dump;
  }

  // Removes the key from `attributes`, a shallow copy: objects on the key's path are copied before
  // they change, everything else stays shared with the span's attribute tree (not deep-copied).
  private static void leaveOut(ObjectNode dump, ObjectNode attributes, String field,
      SpanConverter.Found found) {
    if (found == null || found.key().startsWith("events.")) {
      return;
    }
    if (attributes.remove(found.key()) == null) {
      String[] parts = found.key().split("\\.");
      ObjectNode parent = attributes;
      for (int i = 0; i < parts.length - 1 && parent != null; i++) {
        JsonNode child = parent.get(parts[i]);
        ObjectNode copy = child instanceof ObjectNode ? shallowCopy((ObjectNode) child) : null;
        if (copy != null) {
          parent.set(parts[i], copy);
        }
        parent = copy;
      }
      if (parent != null) {
        parent.remove(parts[parts.length - 1]);
      }
    }
    dump.put(field, found.key());
  }

  private static ObjectNode shallowCopy(ObjectNode node) {
    ObjectNode copy = NODES.objectNode();
    copy.setAll(node);
    return copy;
  }
}
