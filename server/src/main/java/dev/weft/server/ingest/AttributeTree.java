package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Dotted attribute keys expanded into a JSON tree, as Weave's ingestion does: {@code a.b = 1} and
 * {@code a.c = 2} become {@code {"a": {"b": 1, "c": 2}}}; string values that start with {@code {} or
 * {@code [} and parse as JSON become that JSON. A key that is both a value and the parent of another
 * key is an attribute path conflict (Weave rejects the span); a leaf holding a JSON object may take
 * children.
 */
final class AttributeTree {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeTree() {}

  /** Thrown for an attribute path conflict; the message is Weave's. */
  static final class PathConflict extends Exception {
    private static final long serialVersionUID = 1L;

    PathConflict(String message) {
      super(message);
    }
  }

  static ObjectNode expand(List<KeyValue> attributes) throws PathConflict {
    ObjectNode root = NODES.objectNode();
    for (KeyValue attribute : attributes) {
      put(root, attribute.getKey(), parseJsonText(value(attribute.getValue())));
    }
    return root;
  }

  static void put(ObjectNode root, String key, JsonNode value) throws PathConflict {
    String[] parts = key.split("\\.", -1);
    ObjectNode current = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode existing = current.get(parts[i]);
      if (existing == null) {
        current = current.putObject(parts[i]);
      } else if (existing.isObject()) {
        current = (ObjectNode) existing;
      } else {
        throw new PathConflict("Invalid attribute structure: cannot set subkey '" + parts[i + 1]
            + "' under parent key '" + String.join(".", List.of(parts).subList(0, i + 1))
            + "' because it is already a " + pythonType(existing)
            + ". Attributes must form a valid tree structure.");
      }
    }
    String leaf = parts[parts.length - 1];
    JsonNode existing = current.get(leaf);
    if (existing != null && existing.isContainerNode() && !value.isContainerNode()) {
      throw new PathConflict("Invalid attribute structure: received both nested subkeys for '"
          + key + "' and a non-object value for the same key. Do not send both '" + key + "' and '"
          + key + ".*'.");
    }
    current.set(leaf, value);
  }

  /** An OTLP value as JSON; bytes become base64 text, NaN and infinities their names. */
  static JsonNode value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return NODES.textNode(value.getStringValue());
      case BOOL_VALUE:
        return NODES.booleanNode(value.getBoolValue());
      case INT_VALUE:
        long number = value.getIntValue();
        // As JSON text parses: small numbers are ints, so stored and parsed trees compare equal.
        return number == (int) number ? NODES.numberNode((int) number) : NODES.numberNode(number);
      case DOUBLE_VALUE:
        double d = value.getDoubleValue();
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
      case ARRAY_VALUE:
        ArrayNode array = NODES.arrayNode();
        value.getArrayValue().getValuesList().forEach(v -> array.add(value(v)));
        return array;
      case KVLIST_VALUE:
        ObjectNode object = NODES.objectNode();
        value.getKvlistValue().getValuesList().forEach(kv -> object.set(kv.getKey(), value(kv.getValue())));
        return object;
      case BYTES_VALUE:
        return NODES.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      default:
        return NODES.nullNode();
    }
  }

  /** Text that looks like a JSON object or array and parses becomes that JSON; else unchanged. */
  static JsonNode parseJsonText(JsonNode value) {
    if (!value.isTextual()) {
      return value;
    }
    String text = value.textValue();
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return value;
    }
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      return value; // not JSON after all (or too deep): keep the text
    }
  }

  /** Returns the value at a dotted key, looking the whole key up first, or null. */
  static JsonNode get(JsonNode root, String key) {
    JsonNode whole = root.get(key);
    if (whole != null) {
      return whole;
    }
    // Walked part by part without splitting: a span is looked up with ~70 keys, most absent.
    JsonNode current = root;
    for (int from = 0; ; ) {
      if (current == null) {
        return null;
      }
      int dot = key.indexOf('.', from);
      String part = dot < 0 ? key.substring(from) : key.substring(from, dot);
      if (current.isObject()) {
        current = current.get(part);
      } else if (current.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
        current = part.length() > 9 ? null : current.get(Integer.parseInt(part));
      } else {
        return null;
      }
      if (dot < 0) {
        return current;
      }
      from = dot + 1;
    }
  }

  /** Python's truthiness, which Weave uses to decide whether a key is present. */
  static boolean truthy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    return value.size() > 0;
  }

  /** Objects whose keys are exactly "0".."n-1" become arrays, at any depth below objects. */
  static JsonNode numericKeysToArrays(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      object.set(name, numericKeysToArrays(object.get(name)));
    }
    if (names.isEmpty()) {
      return object;
    }
    for (int i = 0; i < names.size(); i++) {
      if (!object.has(Integer.toString(i))) {
        return object;
      }
    }
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < names.size(); i++) {
      array.add(object.get(Integer.toString(i)));
    }
    return array;
  }

  /**
   * Returns the attributes with the span's events added under {@code events.<event name>} (a list
   * of each event's attributes), where Weave also looks for inputs and output.
   */
  static ObjectNode withEvents(ObjectNode attributes, List<Map.Entry<String, ObjectNode>> events) {
    if (events.isEmpty()) {
      return attributes;
    }
    ObjectNode tree = NODES.objectNode();
    for (Map.Entry<String, ObjectNode> event : events) {
      insertEvent(tree, event.getKey(), event.getValue());
    }
    ObjectNode augmented = attributes.deepCopy();
    JsonNode existing = augmented.get("events");
    if (existing != null && existing.isObject()) {
      merge((ObjectNode) existing, tree);
    } else {
      augmented.set("events", tree);
    }
    return augmented;
  }

  private static void insertEvent(ObjectNode tree, String name, ObjectNode attributes) {
    String[] parts = name.split("\\.", -1);
    ObjectNode current = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = current.get(parts[i]);
      current = next != null && next.isObject() ? (ObjectNode) next : current.putObject(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    JsonNode existing = current.get(leaf);
    if (existing != null && existing.isArray()) {
      ((ArrayNode) existing).add(attributes);
    } else if (existing != null && existing.isObject()) {
      ((ObjectNode) existing).withArrayProperty("__events__").add(attributes);
    } else {
      current.putArray(leaf).add(attributes);
    }
  }

  private static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> field : from.properties()) {
      JsonNode existing = into.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) existing, (ObjectNode) field.getValue());
      } else if (existing != null && existing.isArray() && field.getValue().isArray()) {
        ((ArrayNode) existing).addAll((ArrayNode) field.getValue());
      } else {
        into.set(field.getKey(), field.getValue());
      }
    }
  }

  private static String pythonType(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return "str";
      case BOOLEAN:
        return "bool";
      case NUMBER:
        return node.isIntegralNumber() ? "int" : "float";
      case ARRAY:
        return "list";
      case NULL:
        return "NoneType";
      default:
        return "dict";
    }
  }
}
