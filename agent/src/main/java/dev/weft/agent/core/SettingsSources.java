package dev.weft.agent.core;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the raw value of a setting; first found wins: agent argument, system property {@code weft.k},
 * environment {@code WEFT_K}, then Weave's own environment variable for that key. Blank values count
 * as not set, so an exported-but-empty variable falls through to the next source.
 */
final class SettingsSources {
  static final String AGENT_ARGUMENT = "agent argument";
  static final String SYSTEM_PROPERTY = "system property";
  static final String DEFAULT = "default";

  private final Map<String, String> arguments;
  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final String argumentSource;

  private SettingsSources(
      Map<String, String> arguments,
      Map<String, String> properties,
      Map<String, String> environment,
      String argumentSource) {
    this.arguments = arguments;
    this.properties = properties;
    this.environment = environment;
    this.argumentSource = argumentSource;
  }

  static SettingsSources of(
      String agentArguments, Map<String, String> properties, Map<String, String> environment) {
    Map<String, String> arguments = AgentArguments.parse(agentArguments, Settings.KEYS);
    return new SettingsSources(arguments, properties, environment, AGENT_ARGUMENT);
  }

  /** Sources holding only {@code values}, reported as coming from {@code source}. */
  static SettingsSources fixed(Map<String, String> values, String source) {
    return new SettingsSources(values, Collections.emptyMap(), Collections.emptyMap(), source);
  }

  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The raw value of {@code key} and where it came from, or null when no source sets it. */
  Found find(String key) {
    String value = arguments.get(key);
    if (isSet(value)) {
      return new Found(value, argumentSource, false);
    }
    value = properties.get(key);
    if (isSet(value)) {
      return new Found(value, SYSTEM_PROPERTY, false);
    }
    String name = environmentName(key);
    value = environment.get(name);
    if (isSet(value)) {
      return new Found(value, "environment " + name, false);
    }
    return findAlias(key);
  }

  private Found findAlias(String key) {
    String alias = weaveAlias(key);
    String value = alias == null ? null : environment.get(alias);
    if (!isSet(value)) {
      return null;
    }
    return new Found(value, "environment " + alias, Settings.ENABLED.equals(key));
  }

  /** Weave's own variable for a key; WEAVE_DISABLED is the negation of weft.enabled. */
  private static String weaveAlias(String key) {
    switch (key) {
      case Settings.API_KEY:
        return "WANDB_API_KEY";
      case Settings.TRACE_URL:
        return "WF_TRACE_SERVER_URL";
      case Settings.ENABLED:
        return "WEAVE_DISABLED";
      case Settings.PRINT_CALL_LINK:
        return "WEAVE_PRINT_CALL_LINK";
      case Settings.PARALLELISM:
        return "WEAVE_PARALLELISM";
      default:
        return null;
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.trim().isEmpty();
  }

  /** A raw value, trimmed; {@code negated} when it comes from a variable with the opposite sense. */
  static final class Found {
    final String value;
    final String source;
    final boolean negated;

    Found(String value, String source, boolean negated) {
      this.value = value.trim();
      this.source = source;
      this.negated = negated;
    }
  }
}
