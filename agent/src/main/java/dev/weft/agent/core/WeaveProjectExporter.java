package dev.weft.agent.core;

import dev.weft.exporter.weave.WeaveSpanExporter;
import dev.weft.exporter.weave.WeaveSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;

/**
 * The Weave exporter for whatever project is current: {@code Weft.init} can name the project after
 * start-up, so the exporter is made at the first export and made anew if the project changes.
 */
final class WeaveProjectExporter implements SpanExporter {
  private final Destination destination;
  private final String apiKey;
  private final Duration timeout;
  private String project;
  private SpanExporter exporter;

  WeaveProjectExporter(Destination destination, String apiKey, Duration timeout) {
    this.destination = destination;
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return current().export(spans);
  }

  /** Only the batch processor's single worker thread calls export, flush and shutdown. */
  private synchronized SpanExporter current() {
    String wanted = destination.project();
    if (exporter == null || !wanted.equals(project)) {
      if (exporter != null) {
        exporter.shutdown();
      }
      project = wanted;
      WeaveSpanExporterBuilder builder = WeaveSpanExporter.builder()
          .setEndpoint(destination.traceUrl())
          .setProject(wanted)
          .setTimeout(timeout);
      if (apiKey != null) {
        builder.setApiKey(apiKey);
      }
      exporter = builder.build();
    }
    return exporter;
  }

  @Override
  public synchronized CompletableResultCode flush() {
    return exporter == null ? CompletableResultCode.ofSuccess() : exporter.flush();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    return exporter == null ? CompletableResultCode.ofSuccess() : exporter.shutdown();
  }

  @Override
  public String toString() {
    return "WeaveProjectExporter{" + destination.traceUrl() + ", apiKey=" + (apiKey == null ? "none" : "OBFUSCATED") + "}";
  }
}
