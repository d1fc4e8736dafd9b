package dev.weft.agent.core;

import java.util.List;

/**
 * A bad Weft setting. The message is always one line that names the setting and what it accepts,
 * so the agent can log it as a single WARNING and carry on with {@link Settings#disabled()}.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_VALUE = 200;

  SettingsException(String message) {
    super(oneLine(message));
  }

  static SettingsException badValue(String key, String value, String source, String detail) {
    // The API key is never echoed, even when it is malformed.
    String shown = Settings.API_KEY.equals(key) ? "" : "=" + quote(value);
    String from = source.startsWith("environment ") ? " (from " + source + ")" : "";
    return new SettingsException("weft: bad setting " + key + shown + ": " + detail + from);
  }

  static SettingsException unknownKey(String key, List<String> known) {
    return new SettingsException(
        "weft: unknown setting " + key + " in agent arguments; known: " + String.join(", ", known));
  }

  static SettingsException repeatedKey(String key) {
    return new SettingsException("weft: setting " + key + " is given twice in agent arguments");
  }

  static SettingsException badArguments(String detail) {
    return new SettingsException("weft: bad agent arguments: " + detail);
  }

  private static String quote(String value) {
    String cut = value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "..." : value;
    return "\"" + cut + "\"";
  }

  private static String oneLine(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
