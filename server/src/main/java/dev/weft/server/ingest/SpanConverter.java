package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.store.CallRecord;
import dev.weft.server.store.Usage;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts one OTLP span to one call with Weave's rules (wandb/weave
 * {@code weave/trace_server/opentelemetry/python_spans.py}, {@code Span.to_call}): op name = span
 * name, call id = span id; inputs, output, usage, model, kind, display name and thread from the
 * first key present in {@link WeaveKeys}; {@code wandb.attributes} merged into the attributes; when
 * nothing at all was recognized, every attribute becomes an attribute of the call. A failed span's
 * exception comes from its status and its {@code exception} event. Pure, apart from prices.
 */
final class SpanConverter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Prices prices;

  SpanConverter(Prices prices) {
    this.prices = prices;
  }

  /** Thrown for a span that cannot become a call; the message says why. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  CallRecord convert(String project, Span span, ObjectNode resource, ObjectNode scope)
      throws Rejected {
    SpanChecks.check(span);
    ObjectNode attributes;
    List<Map.Entry<String, ObjectNode>> events = new ArrayList<>();
    try {
      attributes = AttributeTree.expand(span.getAttributesList());
      for (Span.Event event : span.getEventsList()) {
        events.add(Map.entry(event.getName(), AttributeTree.expand(event.getAttributesList())));
      }
    } catch (AttributeTree.PathConflict e) {
      throw new Rejected(e.getMessage());
    }
    ObjectNode searchable = AttributeTree.withEvents(attributes, events);
    Found inputs = first(searchable, WeaveKeys.INPUTS);
    Found output = first(searchable, WeaveKeys.OUTPUTS);
    ObjectNode callAttributes = callAttributes(attributes);
    String model = model(callAttributes);
    Map<String, Usage> usage = UsageReader.read(attributes, model, prices);
    boolean recognized = callAttributes.size() > 0 || inputs != null || output != null
        || !usage.isEmpty();
    mergeUserAttributes(attributes, callAttributes);
    if (!recognized) {
      callAttributes.setAll(attributes);
    }
    String spanId = SpanChecks.hex(span.getSpanId());
    String threadId = text(firstValue(attributes, WeaveKeys.THREAD_ID));
    boolean turn = threadId != null && AttributeTree.truthy(firstValue(attributes, WeaveKeys.IS_TURN));
    return new CallRecord(project, spanId, SpanChecks.hex(span.getTraceId()),
        SpanChecks.parentId(span), SpanChecks.opName(span.getName()),
        SpanChecks.displayName(text(firstValue(attributes, WeaveKeys.DISPLAY_NAME))),
        kind(callAttributes), failed(span) ? CallRecord.ERROR : CallRecord.SUCCESS,
        span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), model, threadId,
        turn ? spanId : null, inputs(inputs), output(output), callAttributes, exception(span),
        usage, OtelDump.of(span, attributes, events, resource, scope, inputs, output));
  }

  // The first key whose value is truthy, with its value; numeric-keyed objects become arrays.
  static Found first(JsonNode attributes, List<String> keys) {
    for (String key : keys) {
      JsonNode value = AttributeTree.get(attributes, key);
      if (AttributeTree.truthy(value)) {
        return new Found(key, AttributeTree.numericKeysToArrays(value.deepCopy()));
      }
    }
    return null;
  }

  static JsonNode firstValue(JsonNode attributes, List<String> keys) {
    Found found = first(attributes, keys);
    return found == null ? null : found.value;
  }

  // One top-level "inputs"/"input" object is the inputs; anything else stays under its key.
  static ObjectNode inputs(Found found) {
    ObjectNode inputs = NODES.objectNode();
    if (found == null) {
      return inputs;
    }
    if (("inputs".equals(found.key) || "input".equals(found.key)) && found.value.isObject()) {
      return (ObjectNode) found.value;
    }
    inputs.set(found.key, found.value);
    return inputs;
  }

  static JsonNode output(Found found) {
    if (found == null) {
      return null;
    }
    if ("outputs".equals(found.key) || "output".equals(found.key)) {
      return found.value;
    }
    ObjectNode output = NODES.objectNode();
    output.set(found.key, found.value);
    return output;
  }

  static ObjectNode callAttributes(ObjectNode attributes) {
    ObjectNode result = NODES.objectNode();
    for (List<String> mapping : WeaveKeys.ATTRIBUTES) {
      JsonNode value = firstValue(attributes, mapping.subList(1, mapping.size()));
      if (value != null) {
        result.set(mapping.get(0), value);
      }
    }
    return result;
  }

  private static void mergeUserAttributes(ObjectNode attributes, ObjectNode into) {
    JsonNode user = firstValue(attributes, WeaveKeys.USER_ATTRIBUTES);
    if (user != null && user.isObject()) {
      into.setAll((ObjectNode) user);
    }
  }

  static String model(ObjectNode callAttributes) {
    String model = text(callAttributes.get("model"));
    if (model == null) {
      JsonNode parameters = callAttributes.get("model_parameters");
      model = parameters != null && parameters.isObject() ? text(parameters.get("model")) : null;
    }
    return model;
  }

  private static String kind(ObjectNode callAttributes) {
    String kind = text(callAttributes.get("kind"));
    return kind == null ? null : kind.toLowerCase(Locale.ROOT);
  }

  private static boolean failed(Span span) {
    return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
  }

  // {type, message, stacktrace} of a failed span, from its status and its exception event.
  static ObjectNode exception(Span span) {
    if (!failed(span)) {
      return null;
    }
    ObjectNode exception = NODES.objectNode();
    String type = null;
    String message = span.getStatus().getMessage();
    String stacktrace = null;
    for (Span.Event event : span.getEventsList()) {
      if ("exception".equals(event.getName())) {
        for (KeyValue kv : event.getAttributesList()) {
          String value = kv.getValue().getStringValue();
          switch (kv.getKey()) {
            case "exception.type" -> type = value;
            case "exception.message" -> message = message.isEmpty() ? value : message;
            case "exception.stacktrace" -> stacktrace = value;
            default -> { }
          }
        }
        break;
      }
    }
    exception.put("type", type);
    exception.put("message", message);
    exception.put("stacktrace", stacktrace);
    return exception;
  }

  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String text = value.isTextual() ? value.textValue() : value.toString();
    return text.isEmpty() ? null : text;
  }

  /** A value found at a key. */
  record Found(String key, JsonNode value) {}
}
