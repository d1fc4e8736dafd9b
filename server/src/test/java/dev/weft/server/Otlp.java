package dev.weft.server;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP requests with the opentelemetry-proto classes, as exporters send them. */
public final class Otlp {

  /** 2025-01-01T00:00:00Z in epoch nanoseconds: a fixed base for span times. */
  public static final long T0 = 1_735_689_600_000_000_000L;
  public static final long MS = 1_000_000L;

  private Otlp() {}

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  public static KeyValue attr(String key, double value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
  }

  public static KeyValue attr(String key, boolean value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
  }

  public static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  /** A span of {@code trace} (32 hex) with id {@code id} (16 hex), from T0+startMs to T0+endMs. */
  public static Span.Builder span(String name, String trace, String id, String parent, long startMs,
      long endMs, KeyValue... attributes) {
    Span.Builder span = Span.newBuilder().setName(name).setTraceId(id(trace)).setSpanId(id(id))
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(T0 + startMs * MS).setEndTimeUnixNano(T0 + endMs * MS)
        .addAllAttributes(List.of(attributes));
    if (parent != null) {
      span.setParentSpanId(id(parent));
    }
    return span;
  }

  /** Marks a span failed with an exception event, as the OTel SDK's recordException does. */
  public static Span.Builder failed(Span.Builder span, String type, String message, String stack) {
    return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(message))
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(span.getEndTimeUnixNano())
            .addAttributes(attr("exception.type", type)).addAttributes(attr("exception.message", message))
            .addAttributes(attr("exception.stacktrace", stack)));
  }

  public static ExportTraceServiceRequest request(List<KeyValue> resource, Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("dev.weft.agent").setVersion("0.1.0"));
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAllAttributes(resource)).addScopeSpans(scope)).build();
  }

  public static List<KeyValue> project(String entity, String project) {
    return List.of(attr("service.name", "test"), attr("wandb.entity", entity), attr("wandb.project", project));
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
