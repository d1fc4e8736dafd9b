package dev.weft.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP requests and posts them, the way an exporter would. */
final class OtlpRequests {

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String ROOT_ID = "b7ad6b7169203331";
  static final String CHILD_ID = "00f067aa0ba902b7";

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private OtlpRequests() {}

  static ExportTraceServiceRequest twoSpans() {
    Span root = span("agent.run", ROOT_ID, "")
        .addAttributes(kv("inputs", AnyValue.newBuilder().setStringValue("{\"q\":\"hi\"}")))
        .addAttributes(kv("gen_ai.usage.prompt_tokens", AnyValue.newBuilder().setIntValue(12)))
        .addAttributes(kv("weight", AnyValue.newBuilder().setDoubleValue(0.5)))
        .addAttributes(kv("wandb.is_turn", AnyValue.newBuilder().setBoolValue(true)))
        .addAttributes(kv("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setStringValue("a"))
            .addValues(AnyValue.newBuilder().setStringValue("b")))))
        .build();
    Span child = span("tool.search", CHILD_ID, ROOT_ID)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(1_500)
            .addAttributes(kv("exception.type", AnyValue.newBuilder().setStringValue("E"))))
        .build();
    return request(root, child);
  }

  static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("weft"));
    for (Span span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder()
                .addAttributes(kv("wandb.entity", AnyValue.newBuilder().setStringValue("team")))
                .addAttributes(kv("wandb.project", AnyValue.newBuilder().setStringValue("proj"))))
            .addScopeSpans(scope))
        .build();
  }

  static Span.Builder span(String name, String spanId, String parentId) {
    return Span.newBuilder()
        .setName(name)
        .setTraceId(bytes(TRACE_ID))
        .setSpanId(bytes(spanId))
        .setParentSpanId(bytes(parentId))
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(1_000)
        .setEndTimeUnixNano(2_000);
  }

  static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static HttpRequest.Builder post(FakeWeave weave, String path, String contentType, byte[] body) {
    return HttpRequest.newBuilder(URI.create(weave.baseUrl() + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpClient client() {
    return CLIENT;
  }
}
