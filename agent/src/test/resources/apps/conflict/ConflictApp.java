import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.weft.Op;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An app that brings old versions of what the agent uses inside: OkHttp 3, Jackson 2.9 and its own
 * OpenTelemetry API+SDK 1.10 registered as GlobalOpenTelemetry. Compiled and run by ConflictingLibrariesIT.
 */
public class ConflictApp {
  static final List<String> appSpans = new ArrayList<>();

  @Op
  static String fetch(OkHttpClient client, String url) throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  @Op
  static String toJson(Map<String, Object> value) throws Exception {
    return new ObjectMapper().writeValueAsString(new TreeMap<>(value));
  }

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hello", exchange -> {
      byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      run(server.getAddress().getPort());
    } finally {
      server.stop(0);
    }
  }

  static void run(int port) throws Exception {

    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData s : spans) {
              appSpans.add(s.getName());
            }
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        }))
        .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    GlobalOpenTelemetry.set(sdk);

    Span span = GlobalOpenTelemetry.getTracer("conflict-app").spanBuilder("app-own-span").startSpan();
    String fetched = fetch(new OkHttpClient(), "http://127.0.0.1:" + port + "/hello");
    span.end();

    System.out.println("okhttp=" + okhttp3.internal.Version.userAgent());
    System.out.println("jackson=" + new ObjectMapper().version());
    System.out.println("otel.sdk=" + sdk.getClass().getPackage().getImplementationVersion());
    System.out.println("fetched=" + fetched);
    System.out.println("json=" + toJson(Map.of("b", 2, "a", List.of(1, "x"))));
    System.out.println("appSpans=" + appSpans);
    System.out.println("global=" + (GlobalOpenTelemetry.get().getTracerProvider().get("x") != null));
  }
}
