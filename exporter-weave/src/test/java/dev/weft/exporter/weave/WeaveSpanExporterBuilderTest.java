package dev.weft.exporter.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeaveSpanExporterBuilderTest {

  @Test
  void buildsWithOnlyAProjectAndDefaultsToWeaveCloud() {
    WeaveSpanExporter exporter = WeaveSpanExporter.builder().setProject("acme/shop").build();

    assertThat(exporter.toString())
        .contains("endpoint=https://trace.wandb.ai/otel/v1/traces")
        .contains("project=acme/shop")
        .contains("apiKey=none")
        .contains("compression=gzip")
        .contains("timeout=PT10S")
        .contains("maxAttempts=5");
    exporter.shutdown();
  }

  @Test
  void neverShowsTheApiKeyOrHeaderValues() {
    WeaveSpanExporterBuilder builder = WeaveSpanExporter.builder()
        .setProject("acme/shop")
        .setApiKey("secret-key-123")
        .setHeaders(Map.of("x-tenant", "secret-tenant"));
    WeaveSpanExporter exporter = builder.build();

    assertThat(builder.toString())
        .contains("apiKey=OBFUSCATED", "x-tenant=OBFUSCATED")
        .doesNotContain("secret");
    assertThat(exporter.toString())
        .contains("apiKey=OBFUSCATED", "x-tenant=OBFUSCATED")
        .doesNotContain("secret");
    exporter.shutdown();
  }

  @Test
  void appendsTheTracesPathToTheBaseUrlToleratingSlashesAndTheFullUrl() {
    assertThat(WeaveSpanExporterBuilder.tracesUrl("http://127.0.0.1:8080"))
        .isEqualTo("http://127.0.0.1:8080/otel/v1/traces");
    assertThat(WeaveSpanExporterBuilder.tracesUrl("https://acme.wandb.io/traces/"))
        .isEqualTo("https://acme.wandb.io/traces/otel/v1/traces");
    assertThat(WeaveSpanExporterBuilder.tracesUrl("https://trace.wandb.ai/otel/v1/traces"))
        .isEqualTo("https://trace.wandb.ai/otel/v1/traces");
  }

  @Test
  void sendsTheKeyAsBasicAuthForUserApi() {
    assertThat(WeaveSpanExporterBuilder.basicAuth("k")).isEqualTo("Basic YXBpOms=");
  }

  @Test
  void failsFastNamingTheBadSetting() {
    assertThatThrownBy(() -> WeaveSpanExporter.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("project is required, as team/project");
    assertThatThrownBy(() -> WeaveSpanExporter.builder().setProject("shop").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("project must be team/project, got 'shop'");
    assertThatThrownBy(() -> WeaveSpanExporter.builder().setProject("a/b/c").build())
        .hasMessage("project must be team/project, got 'a/b/c'");
    assertThatThrownBy(() -> builder().setEndpoint("trace.wandb.ai").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint must be an http(s) URL without query, got 'trace.wandb.ai'");
    assertThatThrownBy(() -> builder().setEndpoint("http://h/?q=1").build())
        .hasMessageStartingWith("endpoint must be an http(s) URL");
    assertThatThrownBy(() -> builder().setEndpoint("http://bad host").build())
        .hasMessage("endpoint must be an http(s) URL, got 'http://bad host'");
    assertThatThrownBy(() -> builder().setTimeout(Duration.ZERO).build())
        .hasMessage("timeout must be positive, got PT0S");
    assertThatThrownBy(() -> builder().setApiKey(" ").build())
        .hasMessage("apiKey must not be blank");
    assertThatThrownBy(() -> builder().setHeaders(Map.of("authorization", "x")).build())
        .hasMessage("headers must not set authorization: use setApiKey and setProject");
    assertThatThrownBy(() -> builder().setHeaders(Map.of("Project_Id", "x")).build())
        .hasMessage("headers must not set Project_Id: use setApiKey and setProject");
  }

  @Test
  void rejectsNullsWhereTheyAreSet() {
    assertThatThrownBy(() -> builder().setEndpoint(null))
        .isInstanceOf(NullPointerException.class).hasMessage("baseUrl");
    assertThatThrownBy(() -> builder().setProject(null)).hasMessage("teamSlashProject");
    assertThatThrownBy(() -> builder().setApiKey(null)).hasMessage("apiKey");
    assertThatThrownBy(() -> builder().setTimeout(null)).hasMessage("timeout");
    assertThatThrownBy(() -> builder().setRetryPolicy(null)).hasMessage("retryPolicy");
    assertThatThrownBy(() -> builder().setHeaders(null)).hasMessage("headers");
  }

  private static WeaveSpanExporterBuilder builder() {
    return WeaveSpanExporter.builder().setProject("acme/shop");
  }
}
