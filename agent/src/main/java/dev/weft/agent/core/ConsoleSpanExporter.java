package dev.weft.agent.core;

import dev.weft.exporter.weave.WeftAttributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;

/** {@code weft.exporter=console}: one line per span on stderr, for a quick look without a backend. */
final class ConsoleSpanExporter implements SpanExporter {
  private final PrintStream out;

  ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder lines = new StringBuilder();
    for (SpanData span : spans) {
      lines.append("weft: span ").append(span.getName())
          .append(" id=").append(span.getSpanId())
          .append(" parent=").append(span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-")
          .append(" trace=").append(span.getTraceId())
          .append(' ').append((span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000).append("us")
          .append(' ').append(span.getStatus().getStatusCode());
      append(lines, " inputs=", span.getAttributes().get(WeftAttributes.INPUTS));
      append(lines, " output=", span.getAttributes().get(WeftAttributes.OUTPUT));
      lines.append('\n');
    }
    out.print(lines);
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  private static void append(StringBuilder line, String label, String json) {
    if (json != null) {
      line.append(label).append(json.length() > 500 ? json.substring(0, 500) + "..." : json);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
