package dev.weft.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Turns OTLP/HTTP request bodies into {@link ReceivedSpan}s. Pure functions, no I/O besides the body. */
final class OtlpDecoding {

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  // OTLP/JSON writes trace and span ids as hex, while protobuf's JsonFormat expects base64 for bytes.
  private static final Pattern JSON_ID =
      Pattern.compile(
          "\"(traceId|spanId|parentSpanId|trace_id|span_id|parent_span_id)\"(\\s*:\\s*)\"([0-9a-fA-F]*)\"");

  private OtlpDecoding() {}

  /** Thrown for a body that is not a valid OTLP trace export. */
  static final class InvalidBody extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidBody(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns {@code application/x-protobuf} or {@code application/json}, or null for anything else. */
  static String mediaType(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return PROTOBUF.equals(type) || JSON.equals(type) ? type : null;
  }

  static ExportTraceServiceRequest parse(String mediaType, String encoding, byte[] body)
      throws InvalidBody {
    try {
      byte[] plain = decompress(encoding, body);
      if (JSON.equals(mediaType)) {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        String json = hexIdsToBase64(new String(plain, StandardCharsets.UTF_8));
        JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        return builder.build();
      }
      return ExportTraceServiceRequest.parseFrom(plain);
    } catch (IOException | RuntimeException e) {
      throw new InvalidBody("invalid OTLP " + mediaType + " body: " + e.getMessage(), e);
    }
  }

  static byte[] decompress(String encoding, byte[] body) throws IOException {
    String name = encoding.trim().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || "identity".equals(name)) {
      return body;
    }
    InputStream in;
    if ("gzip".equals(name)) {
      in = new GZIPInputStream(new ByteArrayInputStream(body));
    } else if ("deflate".equals(name)) {
      in = new InflaterInputStream(new ByteArrayInputStream(body));
    } else {
      throw new IOException("unsupported Content-Encoding " + encoding);
    }
    try (in) {
      return in.readAllBytes();
    }
  }

  static String hexIdsToBase64(String json) {
    Matcher m = JSON_ID.matcher(json);
    StringBuilder out = new StringBuilder(json.length());
    while (m.find()) {
      String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.group(3)));
      m.appendReplacement(out, Matcher.quoteReplacement(
          "\"" + m.group(1) + "\"" + m.group(2) + "\"" + base64 + "\""));
    }
    m.appendTail(out);
    return out.toString();
  }

  static List<ReceivedSpan> spans(ExportTraceServiceRequest request) {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = resource(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        String scope = scopeSpans.getScope().getName();
        for (Span span : scopeSpans.getSpansList()) {
          spans.add(span(span, resource, scope));
        }
      }
    }
    return spans;
  }

  static Map<String, Object> resource(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  static ReceivedSpan span(Span span, Map<String, Object> resource, String scope) {
    List<ReceivedEvent> events = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      events.add(new ReceivedEvent(
          event.getName(), event.getTimeUnixNano(), attributes(event.getAttributesList())));
    }
    return new ReceivedSpan(
        span.getName(),
        hex(span.getTraceId()),
        hex(span.getSpanId()),
        hex(span.getParentSpanId()),
        span.getKind().name().replace("SPAN_KIND_", ""),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        span.getStatus().getCode().name().replace("STATUS_CODE_", ""),
        span.getStatus().getMessage(),
        attributes(span.getAttributesList()),
        resource,
        events,
        scope);
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(v -> list.add(value(v)));
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return immutable(attributes(value.getKvlistValue().getValuesList()));
      case BYTES_VALUE:
        return value.getBytesValue().toByteArray();
      default:
        return null;
    }
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  static Map<String, Object> immutable(Map<String, Object> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static String printJson(com.google.protobuf.MessageOrBuilder message) {
    try {
      return JsonFormat.printer().print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
