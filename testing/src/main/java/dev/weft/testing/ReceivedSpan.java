package dev.weft.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A span as {@link FakeWeave} decoded it from an OTLP request.
 *
 * @param name the span name (Weave's op name)
 * @param traceId lowercase hex, 32 characters
 * @param spanId lowercase hex, 16 characters (Weave's call id)
 * @param parentSpanId lowercase hex, or {@code ""} for a root span
 * @param kind {@code INTERNAL}, {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}
 *     or {@code UNSPECIFIED}
 * @param startEpochNanos start time
 * @param endEpochNanos end time
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 * @param statusMessage the status description, {@code ""} when none
 * @param attributes span attributes (String, Long, Double, Boolean, List or Map values), in order
 * @param resource resource attributes, in order
 * @param events the span events, in order
 * @param scopeName the instrumentation scope name
 */
public record ReceivedSpan(
    String name,
    String traceId,
    String spanId,
    String parentSpanId,
    String kind,
    long startEpochNanos,
    long endEpochNanos,
    String statusCode,
    String statusMessage,
    Map<String, Object> attributes,
    Map<String, Object> resource,
    List<ReceivedEvent> events,
    String scopeName) {

  /** Copies the collections so the record stays immutable. */
  public ReceivedSpan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(parentSpanId, "parentSpanId");
    attributes = OtlpDecoding.immutable(attributes);
    resource = OtlpDecoding.immutable(resource);
    events = List.copyOf(events);
  }

  /** Returns the span attribute named {@code key}, or null when absent. */
  public Object attr(String key) {
    return attributes.get(key);
  }

  /** Returns whether this span has no parent. */
  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }
}
