package dev.weft.exporter.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeaveSpanExporterProviderTest {

  private final WeaveSpanExporterProvider provider = new WeaveSpanExporterProvider();

  @Test
  void otelTracesExporterWeaveSendsSpansToWeave() {
    try (FakeWeave weave = FakeWeave.start()) {
      Map<String, String> properties = new HashMap<>();
      properties.put("otel.traces.exporter", "weave");
      properties.put("otel.metrics.exporter", "none");
      properties.put("otel.logs.exporter", "none");
      properties.put("otel.service.name", "shop-api");
      properties.put("weft.project", "acme/shop");
      properties.put("weft.api.key", "test-key");
      properties.put("weft.trace.url", weave.baseUrl());
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> properties)
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();

      sdk.getTracer("app").spanBuilder("checkout")
          .setAttribute(WeftAttributes.KIND, WeftAttributes.KIND_AGENT)
          .startSpan()
          .end();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

      ReceivedSpan span = weave.awaitSpan("checkout", Duration.ofSeconds(10));
      assertThat(span.attributes()).containsExactlyEntriesOf(Map.of("weave.span.kind", "agent"));
      assertThat(span.resource()).containsEntry("service.name", "shop-api")
          .containsEntry("wandb.entity", "acme")
          .containsEntry("wandb.project", "shop");
      assertThat(weave.requests().get(0).header("Authorization"))
          .isEqualTo(WeaveSpanExporterBuilder.basicAuth("test-key"));
      assertThat(weave.requests().get(0).header("project_id")).isEqualTo("acme/shop");
      sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void isNamedWeave() {
    assertThat(provider.getName()).isEqualTo("weave");
  }

  @Test
  void fallsBackToWandbApiKeyAndWfTraceServerUrl() {
    SpanExporter exporter = provider.createExporter(DefaultConfigProperties.createFromMap(Map.of(
        "weft.project", "acme/shop",
        "wandb.api.key", "from-wandb",
        "wf.trace.server.url", "http://127.0.0.1:9/")));

    assertThat(exporter.toString())
        .contains("endpoint=http://127.0.0.1:9/otel/v1/traces", "apiKey=OBFUSCATED")
        .doesNotContain("from-wandb");
    exporter.shutdown();
  }

  @Test
  void weftSettingsWinOverTheirAliases() {
    SpanExporter exporter = provider.createExporter(DefaultConfigProperties.createFromMap(Map.of(
        "weft.project", "acme/shop",
        "weft.trace.url", "http://127.0.0.1:8/",
        "wf.trace.server.url", "http://127.0.0.1:9/")));

    assertThat(exporter.toString())
        .contains("endpoint=http://127.0.0.1:8/otel/v1/traces", "apiKey=none");
    exporter.shutdown();
  }

  @Test
  void failsWithOneLineNamingTheSetting() {
    assertThatThrownBy(() -> provider.createExporter(DefaultConfigProperties.createFromMap(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Missing weft.project: set it (or WEFT_PROJECT) to team/project");
    assertThatThrownBy(() -> provider.createExporter(
        DefaultConfigProperties.createFromMap(Map.of("weft.project", "shop"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid weft.project: project must be team/project, got 'shop'");
    assertThatThrownBy(() -> provider.createExporter(DefaultConfigProperties.createFromMap(
        Map.of("weft.project", "acme/shop", "weft.trace.url", "localhost:8080"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid weft.trace.url: endpoint must be an http(s) URL");
  }
}
