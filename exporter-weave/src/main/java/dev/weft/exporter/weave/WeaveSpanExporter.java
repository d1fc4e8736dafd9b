package dev.weft.exporter.weave;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exports spans to a Weave-style backend ({@code POST <base>/otel/v1/traces}, OTLP protobuf) after
 * mapping Weft's canonical attributes ({@link WeftAttributes}) to the keys Weave reads. Spans from
 * any other OpenTelemetry instrumentation pass through with only the usage, resource and
 * key-conflict mapping, so this exporter works with a plain OpenTelemetry SDK too:
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .addSpanProcessor(BatchSpanProcessor.builder(
 *         WeaveSpanExporter.builder().setProject("team/project").setApiKey(key).build()).build())
 *     .build();
 * }</pre>
 *
 * <p>Transport is {@code OtlpHttpSpanExporter}: its sender, retries and compression apply.
 */
public final class WeaveSpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(WeaveSpanExporter.class.getName());

  private final SpanExporter delegate;
  private final WeaveSpanMapping mapping;
  private final String description;
  private final AtomicBoolean warnedOnce = new AtomicBoolean();

  WeaveSpanExporter(SpanExporter delegate, WeaveSpanMapping mapping, String description) {
    this.delegate = delegate;
    this.mapping = mapping;
    this.description = description;
  }

  /** Returns a builder; {@link WeaveSpanExporterBuilder#setProject(String)} is required. */
  public static WeaveSpanExporterBuilder builder() {
    return new WeaveSpanExporterBuilder();
  }

  /** Maps the spans for Weave and sends them in one request. */
  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> mapped = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      mapped.add(mapOrKeep(span));
    }
    return delegate.export(mapped);
  }

  /** Completes when requests under way have completed. */
  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  /** Stops the exporter; later exports fail. */
  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** Shows the settings; the API key and header values show as {@code OBFUSCATED}. */
  @Override
  public String toString() {
    return "WeaveSpanExporter{" + description + "}";
  }

  // A span the mapping cannot handle is still worth sending as it is.
  private SpanData mapOrKeep(SpanData span) {
    try {
      return mapping.map(span);
    } catch (RuntimeException e) {
      if (warnedOnce.compareAndSet(false, true)) {
        logger.log(Level.WARNING, "Weave mapping failed; sending span '" + span.getName()
            + "' unmapped (further failures are not logged)", e);
      }
      return span;
    }
  }
}
