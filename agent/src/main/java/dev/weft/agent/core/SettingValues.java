package dev.weft.agent.core;

import dev.weft.agent.llm.LlmCallMatcher;
import dev.weft.agent.llm.LlmOperation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates raw setting values. Each parser throws {@link IllegalArgumentException} whose
 * message says what is accepted; {@link SettingsReader} adds the key, value and source.
 */
final class SettingValues {
  static final Duration MAX_DURATION = Duration.ofMinutes(10);

  private static final Pattern PROJECT = Pattern.compile("[^/\\s]+/[^/\\s]+");
  private static final Pattern FRACTION = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m)?");

  private SettingValues() {}

  static Object parse(String key, String raw) {
    switch (key) {
      case Settings.ENABLED:
      case Settings.CAPTURE_CONTENT:
      case Settings.PRINT_CALL_LINK:
      case Settings.DEBUG:
      case Settings.LLM_ENABLED:
      case Settings.LLM_INCLUDE_USAGE:
        return bool(raw);
      case Settings.LLM_PATHS:
        return llmPaths(raw);
      case Settings.PROJECT:
        return project(raw);
      case Settings.API_KEY:
        return apiKey(raw);
      case Settings.TRACE_URL:
        return url(raw);
      case Settings.EXPORTER:
        return exporter(raw);
      case Settings.REDACT_KEYS:
        return list(raw);
      case Settings.SAMPLE_RATE:
        return fraction(raw);
      case Settings.OPS_INCLUDE:
        return OpsInclude.parse(raw);
      case Settings.FLUSH_TIMEOUT:
      case Settings.EXPORT_TIMEOUT:
        return duration(raw);
      case Settings.CAPTURE_MAX_BYTES:
      case Settings.CAPTURE_MAX_STRING:
      case Settings.CAPTURE_MAX_ITEMS:
      case Settings.EXPORT_QUEUE_SIZE:
      case Settings.PARALLELISM:
        return positiveInt(raw);
      default:
        throw new IllegalStateException("no parser for " + key);
    }
  }

  /**
   * Extra model-call paths: comma-separated {@code /path/suffix[=operation]}, operation one of
   * chat, completions, embeddings, responses (default chat), e.g. {@code /v1/generate=completions}.
   */
  static LlmCallMatcher llmPaths(String raw) {
    LlmCallMatcher matcher = LlmCallMatcher.defaults();
    for (String item : list(raw)) {
      int eq = item.indexOf('=');
      String path = (eq < 0 ? item : item.substring(0, eq)).trim();
      String op = eq < 0 ? "chat" : item.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      LlmOperation operation = LlmOperation.ofSettingName(op);
      if (operation == null) {
        throw new IllegalArgumentException("expected /path/suffix[=chat|completions|embeddings|responses],"
            + " comma-separated; '" + op + "' is not an operation");
      }
      try {
        matcher = matcher.withPathSuffix(path, operation);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected /path/suffix[=chat|completions|embeddings|responses],"
            + " comma-separated; '" + path + "' does not start with /");
      }
    }
    return matcher;
  }

  static boolean bool(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "1":
        return true;
      case "false": case "no": case "0":
        return false;
      default:
        throw new IllegalArgumentException("expected true, false, yes, no, 1 or 0");
    }
  }

  static String project(String raw) {
    if (!PROJECT.matcher(raw).matches()) {
      throw new IllegalArgumentException(
          "expected team/project: two non-empty names separated by one slash, without spaces");
    }
    return raw;
  }

  static String apiKey(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isWhitespace(raw.charAt(i)) || Character.isISOControl(raw.charAt(i))) {
        throw new IllegalArgumentException("expected a W&B API key without spaces or control characters");
      }
    }
    return raw;
  }

  /** An absolute http(s) URL without credentials, query or fragment; trailing slashes removed. */
  static String url(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("expected an absolute http:// or https:// URL without credentials,"
          + " query or fragment, e.g. https://trace.wandb.ai");
    }
    String url = raw;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  static String exporter(String raw) {
    String exporter = raw.toLowerCase(Locale.ROOT);
    if (exporter.equals("weave") || exporter.equals("otlp") || exporter.equals("console")
        || exporter.equals("none")) {
      return exporter;
    }
    throw new IllegalArgumentException("expected one of weave, otlp, console, none");
  }

  /** Comma-separated, items trimmed, empty items dropped. */
  static List<String> list(String raw) {
    List<String> items = new ArrayList<>();
    for (String item : raw.split(",")) {
      if (!item.trim().isEmpty()) {
        items.add(item.trim());
      }
    }
    return Collections.unmodifiableList(items);
  }

  static double fraction(String raw) {
    double value = FRACTION.matcher(raw).matches() ? Double.parseDouble(raw) : -1;
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException("expected a number from 0 to 1");
    }
    return value;
  }

  static int positiveInt(String raw) {
    try {
      int value = Integer.parseInt(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException("expected a whole number from 1 to 2147483647");
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m} or bare milliseconds; more than 0, at most 10 minutes. */
  static Duration duration(String raw) {
    Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
    Duration value = m.matches() ? toDuration(Long.parseLong(m.group(1)), m.group(2)) : Duration.ZERO;
    if (value.isZero() || value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "expected a duration like 500ms, 5s or 2m (bare numbers are milliseconds), above 0 and at most 10m");
    }
    return value;
  }

  private static Duration toDuration(long amount, String unit) {
    if ("m".equals(unit)) {
      return Duration.ofMinutes(amount);
    }
    return "s".equals(unit) ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
  }

  /** The shortest exact form: {@code 2m}, {@code 5s} or {@code 500ms}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
