package dev.weft.exporter.weave;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attributes staged by name while they are mapped, plus the guard against Weave's attribute path
 * conflicts: Weave expands dotted keys into a tree and rejects a span where one key is both a leaf
 * and the prefix of another ({@code a.b} and {@code a.b.c}).
 */
final class AttributeMap {

  private final Map<String, AttributeKey<?>> keys = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();

  static AttributeMap of(Attributes attributes) {
    AttributeMap map = new AttributeMap();
    attributes.forEach(map::put);
    return map;
  }

  boolean has(String name) {
    return keys.containsKey(name);
  }

  AttributeKey<?> key(String name) {
    return keys.get(name);
  }

  Object value(String name) {
    return values.get(name);
  }

  void put(AttributeKey<?> key, Object value) {
    keys.put(key.getKey(), key);
    values.put(key.getKey(), value);
  }

  /** Puts {@code value} under {@code name}, keeping the type of {@code typeOf}. */
  void putRenamed(AttributeKey<?> typeOf, String name, Object value) {
    put(renamed(typeOf, name), value);
  }

  void remove(String name) {
    keys.remove(name);
    values.remove(name);
  }

  @SuppressWarnings("unchecked")
  Attributes build() {
    AttributesBuilder builder = Attributes.builder();
    keys.forEach((name, key) -> builder.put((AttributeKey<Object>) key, values.get(name)));
    return builder.build();
  }

  /**
   * Returns {@code attributes} with every leaf/prefix conflict resolved, or the same instance when
   * there is none. A conflicting leaf {@code a.b} becomes {@code a.b_value}; a conflicting leaf in
   * {@code fixed} (a key Weave reads) keeps its name and its children move under
   * {@code <leaf>_attrs} instead.
   */
  static Attributes withoutPathConflicts(Attributes attributes, Set<String> fixed) {
    NavigableSet<String> names = new TreeSet<>();
    attributes.forEach((key, value) -> names.add(key.getKey()));
    if (firstConflict(names) == null) {
      return attributes;
    }
    AttributeMap map = of(attributes);
    map.resolvePathConflicts(fixed);
    return map.build();
  }

  void resolvePathConflicts(Set<String> fixed) {
    // Each round removes one conflicting leaf and never creates a new one; the bound is a backstop.
    for (int round = 0; round <= keys.size(); round++) {
      NavigableSet<String> names = new TreeSet<>(keys.keySet());
      String leaf = firstConflict(names);
      if (leaf == null) {
        return;
      }
      if (fixed.contains(leaf)) {
        moveChildren(names, leaf, free(names, leaf + "_attrs"));
      } else {
        rename(leaf, free(names, leaf + "_value"));
      }
    }
  }

  static String firstConflict(NavigableSet<String> names) {
    for (String name : names) {
      if (hasChild(names, name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean hasChild(NavigableSet<String> names, String name) {
    String next = names.ceiling(name + ".");
    return next != null && next.startsWith(name + ".");
  }

  // A name that is neither taken nor the prefix of a taken name.
  private static String free(NavigableSet<String> names, String candidate) {
    String name = candidate;
    while (names.contains(name) || hasChild(names, name)) {
      name = name + "_";
    }
    return name;
  }

  private void moveChildren(NavigableSet<String> names, String leaf, String newParent) {
    for (String name : names.subSet(leaf + ".", true, leaf + "/", false)) {
      rename(name, newParent + name.substring(leaf.length()));
    }
  }

  // Renames in place, keeping the order of the other entries.
  private void rename(String from, String to) {
    Map<String, AttributeKey<?>> oldKeys = new LinkedHashMap<>(keys);
    Map<String, Object> oldValues = new LinkedHashMap<>(values);
    keys.clear();
    values.clear();
    oldKeys.forEach((name, key) -> {
      if (name.equals(from)) {
        putRenamed(key, to, oldValues.get(name));
      } else {
        put(key, oldValues.get(name));
      }
    });
  }

  static AttributeKey<?> renamed(AttributeKey<?> key, String name) {
    switch (key.getType()) {
      case STRING:
        return AttributeKey.stringKey(name);
      case BOOLEAN:
        return AttributeKey.booleanKey(name);
      case LONG:
        return AttributeKey.longKey(name);
      case DOUBLE:
        return AttributeKey.doubleKey(name);
      case STRING_ARRAY:
        return AttributeKey.stringArrayKey(name);
      case BOOLEAN_ARRAY:
        return AttributeKey.booleanArrayKey(name);
      case LONG_ARRAY:
        return AttributeKey.longArrayKey(name);
      case DOUBLE_ARRAY:
        return AttributeKey.doubleArrayKey(name);
      default:
        return AttributeKey.valueKey(name);
    }
  }
}
