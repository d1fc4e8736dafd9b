package dev.weft.exporter.weave;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Makes {@code otel.traces.exporter=weave} work under OpenTelemetry SDK autoconfigure. Reads
 * {@code weft.project} (required, {@code team/project}), {@code weft.api.key} (else
 * {@code wandb.api.key}, i.e. {@code WANDB_API_KEY}) and {@code weft.trace.url} (else
 * {@code wf.trace.server.url}, i.e. {@code WF_TRACE_SERVER_URL}; default
 * {@value WeaveSpanExporterBuilder#DEFAULT_ENDPOINT}).
 */
public final class WeaveSpanExporterProvider implements ConfigurableSpanExporterProvider {

  static final String PROJECT = "weft.project";
  static final String API_KEY = "weft.api.key";
  static final String WANDB_API_KEY = "wandb.api.key";
  static final String TRACE_URL = "weft.trace.url";
  static final String WF_TRACE_SERVER_URL = "wf.trace.server.url";

  /** Called by the service loader. */
  public WeaveSpanExporterProvider() {}

  /** Returns {@code weave}, the value of {@code otel.traces.exporter} that selects this exporter. */
  @Override
  public String getName() {
    return "weave";
  }

  /**
   * Builds the exporter from the {@code weft.*} settings.
   *
   * @throws ConfigurationException naming the setting that is missing or invalid
   */
  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    WeaveSpanExporterBuilder builder = WeaveSpanExporter.builder();
    String project = blankToNull(config.getString(PROJECT));
    if (project == null) {
      throw new ConfigurationException(
          "Missing " + PROJECT + ": set it (or WEFT_PROJECT) to team/project");
    }
    check(PROJECT, () -> WeaveSpanExporterBuilder.teamAndProject(project));
    builder.setProject(project);
    String url = first(config, TRACE_URL, WF_TRACE_SERVER_URL);
    if (url != null) {
      check(TRACE_URL, () -> WeaveSpanExporterBuilder.tracesUrl(url));
      builder.setEndpoint(url);
    }
    String key = first(config, API_KEY, WANDB_API_KEY);
    if (key != null) {
      builder.setApiKey(key);
    }
    return builder.build();
  }

  private static String first(ConfigProperties config, String key, String alias) {
    String value = blankToNull(config.getString(key));
    return value != null ? value : blankToNull(config.getString(alias));
  }

  private static String blankToNull(String value) {
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  private static void check(String key, Runnable validation) {
    try {
      validation.run();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid " + key + ": " + e.getMessage(), e);
    }
  }
}
