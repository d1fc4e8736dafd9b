package dev.weft.agent.core;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Counts what the wrapped exporter delivered and what it failed to. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final DeliveryStats stats;

  CountingSpanExporter(SpanExporter delegate, DeliveryStats stats) {
    this.delegate = delegate;
    this.stats = stats;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int n = spans.size();
    CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (RuntimeException e) {
      stats.exportFailed(n, e);
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(() -> {
      if (result.isSuccess()) {
        stats.delivered(n);
      } else {
        stats.exportFailed(n, result.getFailureThrowable());
      }
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "CountingSpanExporter{" + delegate + "}";
  }
}
