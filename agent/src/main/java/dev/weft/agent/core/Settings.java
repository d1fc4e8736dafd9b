package dev.weft.agent.core;

import java.net.URI;
import dev.weft.agent.llm.LlmCallMatcher;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weft's effective configuration, immutable. Each setting is read from the first source that sets it:
 * agent arguments ({@code k=v,k2=v2}), system property {@code weft.k}, environment {@code WEFT_K},
 * then Weave's own variables ({@code WANDB_API_KEY}, {@code WF_TRACE_SERVER_URL}, {@code WEAVE_DISABLED},
 * {@code WEAVE_PRINT_CALL_LINK}, {@code WEAVE_PARALLELISM}). All values are validated at load time.
 */
public final class Settings {
  public static final String ENABLED = "weft.enabled";
  public static final String PROJECT = "weft.project";
  public static final String API_KEY = "weft.api.key";
  public static final String TRACE_URL = "weft.trace.url";
  public static final String EXPORTER = "weft.exporter";
  public static final String CAPTURE_CONTENT = "weft.capture.content";
  public static final String CAPTURE_MAX_BYTES = "weft.capture.max.bytes";
  public static final String CAPTURE_MAX_STRING = "weft.capture.max.string";
  public static final String CAPTURE_MAX_ITEMS = "weft.capture.max.items";
  public static final String REDACT_KEYS = "weft.redact.keys";
  public static final String SAMPLE_RATE = "weft.sample.rate";
  public static final String OPS_INCLUDE = "weft.ops.include";
  public static final String PRINT_CALL_LINK = "weft.print.call.link";
  public static final String FLUSH_TIMEOUT = "weft.flush.timeout";
  public static final String EXPORT_TIMEOUT = "weft.export.timeout";
  public static final String EXPORT_QUEUE_SIZE = "weft.export.queue.size";
  public static final String PARALLELISM = "weft.parallelism";
  public static final String DEBUG = "weft.debug";
  public static final String LLM_ENABLED = "weft.llm.enabled";
  public static final String LLM_INCLUDE_USAGE = "weft.llm.include.usage";
  public static final String LLM_PATHS = "weft.llm.paths";

  /** W&B's hosted trace server, the default when an API key is set. */
  public static final String WANDB_TRACE_URL = "https://trace.wandb.ai";
  /** The local weft-server's default address, the default without an API key. */
  public static final String LOCAL_TRACE_URL = "http://127.0.0.1:6345";

  static final List<String> KEYS = Collections.unmodifiableList(Arrays.asList(
      ENABLED, PROJECT, API_KEY, TRACE_URL, EXPORTER, CAPTURE_CONTENT, CAPTURE_MAX_BYTES,
      CAPTURE_MAX_STRING, CAPTURE_MAX_ITEMS, REDACT_KEYS, SAMPLE_RATE, OPS_INCLUDE, PRINT_CALL_LINK,
      FLUSH_TIMEOUT, EXPORT_TIMEOUT, EXPORT_QUEUE_SIZE, PARALLELISM, DEBUG,
      LLM_ENABLED, LLM_INCLUDE_USAGE, LLM_PATHS));

  private static final Settings DISABLED = new Settings(new SettingsReader(
      SettingsSources.fixed(Collections.singletonMap(ENABLED, "false"), "Settings.disabled()")));

  private final boolean enabled;
  private final String project;
  private final String apiKey;
  private final String traceUrl;
  private final String exporter;
  private final boolean captureContent;
  private final int captureMaxBytes;
  private final int captureMaxString;
  private final int captureMaxItems;
  private final List<String> redactKeys;
  private final double sampleRate;
  private final OpsInclude opsInclude;
  private final boolean printCallLink;
  private final Duration flushTimeout;
  private final Duration exportTimeout;
  private final int exportQueueSize;
  private final int parallelism;
  private final boolean debug;
  private final boolean llmEnabled;
  private final boolean llmIncludeUsage;
  private final LlmCallMatcher llmCalls;
  private final Map<String, String> origins;
  private final Map<String, String> shown;

  private Settings(SettingsReader r) {
    enabled = r.get(ENABLED, true);
    project = r.get(PROJECT, null);
    apiKey = r.get(API_KEY, null);
    traceUrl = r.get(TRACE_URL, apiKey == null ? LOCAL_TRACE_URL : WANDB_TRACE_URL);
    exporter = r.get(EXPORTER, "weave");
    captureContent = r.get(CAPTURE_CONTENT, true);
    captureMaxBytes = r.get(CAPTURE_MAX_BYTES, 1_048_576);
    captureMaxString = r.get(CAPTURE_MAX_STRING, 16_384);
    captureMaxItems = r.get(CAPTURE_MAX_ITEMS, 1000);
    redactKeys = r.get(REDACT_KEYS, Collections.<String>emptyList());
    sampleRate = r.get(SAMPLE_RATE, 1.0);
    opsInclude = r.get(OPS_INCLUDE, OpsInclude.none());
    printCallLink = r.get(PRINT_CALL_LINK, true);
    flushTimeout = r.get(FLUSH_TIMEOUT, Duration.ofSeconds(5));
    exportTimeout = r.get(EXPORT_TIMEOUT, Duration.ofSeconds(10));
    exportQueueSize = r.get(EXPORT_QUEUE_SIZE, 8192);
    parallelism = r.get(PARALLELISM, 10);
    debug = r.get(DEBUG, false);
    llmEnabled = r.get(LLM_ENABLED, true);
    llmIncludeUsage = r.get(LLM_INCLUDE_USAGE, true);
    llmCalls = r.get(LLM_PATHS, LlmCallMatcher.defaults());
    origins = r.origins();
    shown = r.shown();
  }

  /**
   * Loads and validates settings from the given sources; pure, for tests and embedding.
   *
   * @param agentArgs the text after {@code -javaagent:weft-agent.jar=}, or null
   * @throws SettingsException on a malformed, unknown or invalid setting (one-line message)
   */
  public static Settings load(String agentArgs, Map<String, String> systemProperties, Map<String, String> env) {
    return new Settings(new SettingsReader(SettingsSources.of(agentArgs, systemProperties, env)));
  }

  /** Loads from {@link System#getProperties()} and {@link System#getenv()}; see {@link #load}. */
  public static Settings fromEnvironment(String agentArgs) {
    Map<String, String> properties = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("weft.")) {
        properties.put(name, System.getProperty(name));
      }
    }
    return load(agentArgs, properties, System.getenv());
  }

  /** Defaults with tracing switched off, for when loading failed. */
  public static Settings disabled() {
    return DISABLED;
  }

  /** All known keys, in a stable order. */
  public static List<String> keys() {
    return KEYS;
  }

  public boolean enabled() {
    return enabled;
  }

  /** {@code team/project}, or null when not set. */
  public String projectOrNull() {
    return project;
  }

  /** The team part of {@code weft.project}, or null when not set. */
  public String entity() {
    return project == null ? null : project.substring(0, project.indexOf('/'));
  }

  /** The project part of {@code weft.project}, or null when not set. */
  public String projectName() {
    return project == null ? null : project.substring(project.indexOf('/') + 1);
  }

  /** The only accessor that returns the API key; never log its result. */
  public String apiKeyOrNull() {
    return apiKey;
  }

  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** Base URL of the Weave-style backend, without a trailing slash. */
  public String traceUrl() {
    return traceUrl;
  }

  /** Whether the trace URL is W&B's hosted service ({@code wandb.ai} or a subdomain). */
  public boolean traceUrlIsWandbCloud() {
    String host = URI.create(traceUrl).getHost().toLowerCase(Locale.ROOT);
    return host.equals("wandb.ai") || host.endsWith(".wandb.ai");
  }

  /** One of {@code weave}, {@code otlp}, {@code console}, {@code none}, always lower case. */
  public String exporter() {
    return exporter;
  }

  public boolean captureContent() {
    return captureContent;
  }

  public int captureMaxBytes() {
    return captureMaxBytes;
  }

  public int captureMaxString() {
    return captureMaxString;
  }

  public int captureMaxItems() {
    return captureMaxItems;
  }

  /** Keys whose values are redacted, as given (trimmed, empty items dropped). */
  public List<String> redactKeys() {
    return redactKeys;
  }

  public double sampleRate() {
    return sampleRate;
  }

  public OpsInclude opsInclude() {
    return opsInclude;
  }

  public boolean printCallLink() {
    return printCallLink;
  }

  public Duration flushTimeout() {
    return flushTimeout;
  }

  public Duration exportTimeout() {
    return exportTimeout;
  }

  public int exportQueueSize() {
    return exportQueueSize;
  }

  public int parallelism() {
    return parallelism;
  }

  /** Whether model calls are traced at the HTTP layer. */
  public boolean llmEnabled() {
    return llmEnabled;
  }

  /** Whether streamed calls that did not ask for usage are asked for it (and the extra chunk hidden). */
  public boolean llmIncludeUsage() {
    return llmIncludeUsage;
  }

  /** Which requests are model calls: the four OpenAI paths plus {@code weft.llm.paths}. */
  public LlmCallMatcher llmCalls() {
    return llmCalls;
  }

  public boolean debug() {
    return debug;
  }

  /**
   * Where the effective value of {@code key} came from: {@code agent argument}, {@code system property},
   * {@code environment WEFT_X}, {@code environment WANDB_API_KEY} (and other aliases) or {@code default}.
   *
   * @param key a full ({@code weft.project}) or short ({@code project}) key
   * @throws IllegalArgumentException for an unknown key
   */
  public String sourceOf(String key) {
    return origins.get(known(key));
  }

  /** {@code key=value (source)}, the API key shown as {@code OBFUSCATED}; for the startup message. */
  public String describe(String key) {
    String full = known(key);
    return full + "=" + shown.get(full) + " (" + origins.get(full) + ")";
  }

  /** All effective settings; the API key is shown as {@code OBFUSCATED}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Settings{");
    for (Map.Entry<String, String> setting : shown.entrySet()) {
      out.append(out.length() == 9 ? "" : ", ").append(setting.getKey()).append('=').append(setting.getValue());
    }
    return out.append('}').toString();
  }

  private static String known(String key) {
    String full = AgentArguments.fullKey(key);
    if (!KEYS.contains(full)) {
      throw new IllegalArgumentException("unknown setting " + key + "; known: " + String.join(", ", KEYS));
    }
    return full;
  }
}
