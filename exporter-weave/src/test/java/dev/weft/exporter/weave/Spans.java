package dev.weft.exporter.weave;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Span data for tests, and attribute maps keyed by name for exact comparisons. */
final class Spans {

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String SPAN_ID = "b7ad6b7169203331";
  static final Resource RESOURCE =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));

  private Spans() {}

  static TestSpanData.Builder span(Attributes attributes) {
    return TestSpanData.builder()
        .setSpanContext(SpanContext.create(
            TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .setResource(RESOURCE)
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("weft"))
        .setName("op")
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(1_000)
        .setEndEpochNanos(2_000)
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .setEvents(List.<EventData>of())
        .setTotalRecordedEvents(0);
  }

  /** Attributes as a name-to-value map, so a test can compare them exactly. */
  static Map<String, Object> byName(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((key, value) -> map.put(key.getKey(), value));
    return map;
  }
}
