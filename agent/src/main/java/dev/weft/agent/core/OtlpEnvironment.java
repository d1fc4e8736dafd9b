package dev.weft.agent.core;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code weft.exporter=otlp}: a plain OTLP/HTTP exporter set up from the standard
 * {@code OTEL_EXPORTER_OTLP_*} variables (or their {@code otel.exporter.otlp.*} system properties).
 * Spans keep the canonical attributes: GenAI conventions for model calls, {@code weft.*} for op data.
 */
final class OtlpEnvironment {
  private final Map<String, String> env;
  private final Map<String, String> properties;

  OtlpEnvironment(Map<String, String> env, Map<String, String> properties) {
    this.env = env;
    this.properties = properties;
  }

  SpanExporter exporter(Duration defaultTimeout) {
    String protocol = get("otel.exporter.otlp.traces.protocol", get("otel.exporter.otlp.protocol", "http/protobuf"));
    if (!protocol.equals("http/protobuf")) {
      throw new SettingsException("weft: bad setting OTEL_EXPORTER_OTLP_PROTOCOL=\"" + protocol
          + "\": weft.exporter=otlp sends http/protobuf only");
    }
    OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setEndpoint(endpoint());
    String headers = get("otel.exporter.otlp.traces.headers", get("otel.exporter.otlp.headers", ""));
    for (String pair : headers.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        builder.addHeader(decode(pair.substring(0, eq).trim()), decode(pair.substring(eq + 1).trim()));
      }
    }
    String compression = get("otel.exporter.otlp.traces.compression", get("otel.exporter.otlp.compression", "gzip"));
    builder.setCompression(compression.equals("none") ? "none" : "gzip");
    String timeout = get("otel.exporter.otlp.traces.timeout", get("otel.exporter.otlp.timeout", ""));
    builder.setTimeout(timeout.isEmpty() ? defaultTimeout : Duration.ofMillis(Long.parseLong(timeout)));
    return builder.build();
  }

  private String endpoint() {
    String traces = get("otel.exporter.otlp.traces.endpoint", "");
    if (!traces.isEmpty()) {
      return traces;
    }
    String base = get("otel.exporter.otlp.endpoint", "http://localhost:4318");
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
  }

  private String get(String property, String fallback) {
    String value = properties.get(property);
    if (value == null) {
      value = env.get(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.trim().isEmpty() ? fallback : value.trim();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
