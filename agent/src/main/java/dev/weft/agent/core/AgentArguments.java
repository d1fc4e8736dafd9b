package dev.weft.agent.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code -javaagent:weft-agent.jar=k=v,k2=v2}. Items are split on commas that are neither
 * inside double quotes nor inside square brackets, so {@code ops.include=com.a.Foo[bar,baz]} needs no
 * quotes; double quotes group and are removed ({@code redact.keys="a,b"}). Each item splits at its
 * first {@code =}; keys may omit the {@code weft.} prefix. Unknown keys are errors (typo protection).
 */
final class AgentArguments {
  private static final String QUOTING_HINT =
      "separate settings with commas and quote values that contain commas, e.g. redact.keys=\"a,b\"";

  private AgentArguments() {}

  /** Returns the settings keyed by full name ({@code weft.project}), in the order given. */
  static Map<String, String> parse(String arguments, List<String> knownKeys) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (arguments == null || arguments.trim().isEmpty()) {
      return Collections.emptyMap();
    }
    List<String> items = split(arguments);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i).trim();
      if (!item.isEmpty()) {
        put(settings, item, i + 1, knownKeys);
      }
    }
    return Collections.unmodifiableMap(settings);
  }

  static String fullKey(String key) {
    String lower = key.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("weft.") ? lower : "weft." + lower;
  }

  private static void put(Map<String, String> settings, String item, int position, List<String> known) {
    int equals = item.indexOf('=');
    if (equals <= 0) {
      throw SettingsException.badArguments("item " + position + " is not key=value; " + QUOTING_HINT);
    }
    String key = fullKey(item.substring(0, equals));
    if (!known.contains(key)) {
      throw SettingsException.unknownKey(key, known);
    }
    if (settings.put(key, item.substring(equals + 1).trim()) != null) {
      throw SettingsException.repeatedKey(key);
    }
  }

  private static List<String> split(String arguments) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    boolean quoted = false;
    int brackets = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted && brackets == 0) {
        items.add(item.toString());
        item.setLength(0);
      } else {
        brackets += quoted ? 0 : bracketDelta(c, brackets);
        item.append(c);
      }
    }
    if (quoted) {
      throw SettingsException.badArguments("a double quote is not closed; " + QUOTING_HINT);
    }
    items.add(item.toString());
    return items;
  }

  private static int bracketDelta(char c, int depth) {
    if (c == '[') {
      return 1;
    }
    return c == ']' && depth > 0 ? -1 : 0;
  }
}
