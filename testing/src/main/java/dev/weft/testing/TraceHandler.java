package dev.weft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers one exchange the way Weave's OTLP ingestion would, in FakeWeave's current mode. */
final class TraceHandler implements HttpHandler {

  private final FakeWeave weave;

  TraceHandler(FakeWeave weave) {
    this.weave = weave;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } finally {
      exchange.close();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    if (!FakeWeave.TRACES_PATH.equals(path) || !"POST".equals(exchange.getRequestMethod())) {
      weave.record(request(exchange, body, List.of()), List.of(), List.of());
      boolean known = FakeWeave.TRACES_PATH.equals(path);
      send(exchange, known ? 405 : 404, "text/plain", (known ? "use POST on " : "no such path: ") + path);
      return;
    }
    int mode = weave.recordAttempt();
    String mediaType = OtlpDecoding.mediaType(header(exchange, "Content-Type"));
    List<ReceivedSpan> decoded = List.of();
    String error = null;
    if (mediaType != null) {
      try {
        decoded = OtlpDecoding.spans(
            OtlpDecoding.parse(mediaType, header(exchange, "Content-Encoding"), body));
      } catch (OtlpDecoding.InvalidBody e) {
        error = e.getMessage();
      }
    }
    ReceivedRequest request = request(exchange, body, decoded);
    if (mode != 0 || mediaType == null || error != null) {
      weave.record(request, List.of(), List.of());
      refuse(exchange, mode, mediaType, error);
      return;
    }
    accept(exchange, request, mediaType);
  }

  private void refuse(HttpExchange exchange, int mode, String mediaType, String error)
      throws IOException {
    if (mode == -1) {
      weave.awaitClose(); // hang(): hold the exchange, answer nothing
    } else if (mode != 0) {
      send(exchange, mode, "text/plain", "FakeWeave answers " + mode);
    } else if (mediaType == null) {
      send(exchange, 415, "text/plain", "use application/x-protobuf or application/json");
    } else {
      send(exchange, 400, "text/plain", error);
    }
  }

  private void accept(HttpExchange exchange, ReceivedRequest request, String mediaType)
      throws IOException {
    for (ReceivedSpan span : request.spans()) {
      String conflict = WeaveRules.pathConflict(span.resource().keySet());
      if (conflict != null) {
        weave.record(request, List.of(), List.of());
        send(exchange, 400, "text/plain", "resource " + conflict);
        return;
      }
    }
    List<ReceivedSpan> accepted = new ArrayList<>();
    List<ReceivedSpan> refused = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (ReceivedSpan span : request.spans()) {
      String reason = WeaveRules.rejection(span);
      if (reason == null) {
        accepted.add(span);
      } else {
        refused.add(span);
        reasons.add("Rejected span (name='" + span.name() + "' span_id='" + span.spanId() + "'): "
            + reason);
      }
    }
    weave.record(request, accepted, refused);
    send(exchange, 200, mediaType, response(mediaType, reasons));
  }

  private static byte[] response(String mediaType, List<String> rejections) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!rejections.isEmpty()) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(rejections.size())
          .setErrorMessage(String.join("; ", rejections)));
    }
    if (OtlpDecoding.JSON.equals(mediaType)) {
      return OtlpDecoding.printJson(response).getBytes(StandardCharsets.UTF_8);
    }
    return response.build().toByteArray();
  }

  private static ReceivedRequest request(HttpExchange exchange, byte[] body, List<ReceivedSpan> spans) {
    Map<String, List<String>> headers = exchange.getRequestHeaders();
    return new ReceivedRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        headers,
        header(exchange, "Content-Type"),
        header(exchange, "Content-Encoding"),
        body.length,
        spans);
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
