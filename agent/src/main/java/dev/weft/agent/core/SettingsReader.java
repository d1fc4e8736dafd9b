package dev.weft.agent.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads typed settings one by one and records, per key, where each came from and how to show it. */
final class SettingsReader {
  private final SettingsSources sources;
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final Map<String, String> shown = new LinkedHashMap<>();

  SettingsReader(SettingsSources sources) {
    this.sources = sources;
  }

  /** The parsed value of {@code key}, or {@code fallback} (which may be null) when no source sets it. */
  @SuppressWarnings("unchecked")
  <T> T get(String key, T fallback) {
    SettingsSources.Found found = sources.find(key);
    Object value = found == null ? fallback : parse(key, found);
    origins.put(key, found == null ? SettingsSources.DEFAULT : found.source);
    shown.put(key, show(key, value));
    return (T) value;
  }

  Map<String, String> origins() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  Map<String, String> shown() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(shown));
  }

  private static Object parse(String key, SettingsSources.Found found) {
    try {
      Object value = SettingValues.parse(key, found.value);
      return found.negated ? !(Boolean) value : value;
    } catch (IllegalArgumentException e) {
      throw SettingsException.badValue(key, found.value, found.source, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static String show(String key, Object value) {
    if (value == null) {
      return "<none>";
    }
    if (Settings.API_KEY.equals(key)) {
      return "OBFUSCATED";
    }
    if (value instanceof Duration) {
      return SettingValues.format((Duration) value);
    }
    if (value instanceof List) {
      return String.join(",", (List<String>) value);
    }
    return String.valueOf(value);
  }
}
