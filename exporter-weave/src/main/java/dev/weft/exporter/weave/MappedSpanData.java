package dev.weft.exporter.weave;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/** A span as Weave should receive it: the original with mapped attributes, resource and events. */
final class MappedSpanData extends DelegatingSpanData {

  private final Attributes attributes;
  private final Resource resource;
  private final List<EventData> events;
  private final int totalAttributeCount;
  private final int totalRecordedEvents;

  MappedSpanData(SpanData span, Attributes attributes, Resource resource, List<EventData> events) {
    super(span);
    this.attributes = attributes;
    this.resource = resource;
    this.events = events;
    // OTLP sends "dropped = total - present"; keep the number the SDK dropped, not our edits.
    int droppedAttributes = span.getTotalAttributeCount() - span.getAttributes().size();
    this.totalAttributeCount = attributes.size() + Math.max(0, droppedAttributes);
    int droppedEvents = span.getTotalRecordedEvents() - span.getEvents().size();
    this.totalRecordedEvents = events.size() + Math.max(0, droppedEvents);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }

  @Override
  public int getTotalRecordedEvents() {
    return totalRecordedEvents;
  }
}
