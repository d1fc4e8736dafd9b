package dev.weft.exporter.weave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeWeave;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeaveSpanExporterFailureTest {

  private static final RetryPolicy THREE_QUICK_ATTEMPTS = RetryPolicy.builder()
      .setMaxAttempts(3)
      .setInitialBackoff(Duration.ofMillis(10))
      .setMaxBackoff(Duration.ofMillis(50))
      .build();
  private static final List<SpanData> ONE_SPAN =
      List.of(Spans.span(Attributes.of(WeftAttributes.INPUTS, "{}")).build());

  private final FakeWeave weave = FakeWeave.start();

  @AfterEach
  void close() {
    weave.close();
  }

  @Test
  void reportsFailureAfterRetryingA503UpToTheConfiguredAttempts() {
    weave.respondWith(503);
    WeaveSpanExporter exporter = exporter(Duration.ofSeconds(5));

    CompletableResultCode result = exporter.export(ONE_SPAN).join(10, TimeUnit.SECONDS);

    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    assertThat(weave.attempts()).isEqualTo(3);
    assertThat(weave.spans()).isEmpty();
    exporter.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void succeedsWhenTheBackendRecoversWithinTheRetries() {
    weave.respondWith(503);
    WeaveSpanExporter exporter = exporter(Duration.ofSeconds(5));

    CompletableResultCode result = exporter.export(ONE_SPAN);
    weave.awaitAttempts(1, Duration.ofSeconds(5));
    weave.respondNormally();

    assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(weave.awaitSpans(1, Duration.ofSeconds(5))).hasSize(1);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void reportsFailureWithinTheTimeoutWhenTheBackendHangs() {
    weave.hang();
    WeaveSpanExporter exporter = exporter(Duration.ofMillis(300));
    long start = System.nanoTime();

    CompletableResultCode result = exporter.export(ONE_SPAN).join(10, TimeUnit.SECONDS);

    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(weave.attempts()).isBetween(1, 3);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
  }

  private WeaveSpanExporter exporter(Duration timeout) {
    return WeaveSpanExporter.builder()
        .setEndpoint(weave.baseUrl())
        .setProject("acme/shop")
        .setTimeout(timeout)
        .setRetryPolicy(THREE_QUICK_ATTEMPTS)
        .build();
  }
}
