package dev.weft.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 and an ephemeral port, storing into a temporary directory. */
public final class TestServer implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final WeftServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(WeftServer server) {
    this.server = server;
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, builder -> builder);
  }

  public static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> config) {
    try {
      return new TestServer(WeftServer.start(
          config.apply(ServerConfig.builder().setHost("127.0.0.1").setPort(0).setDataDir(dataDir)).build()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WeftServer server() {
    return server;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path));
  }

  public HttpResponse<byte[]> post(String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = request("/otel/v1/traces").header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  /** Posts {@code request} as protobuf and returns the OTLP response, failing on anything but 200. */
  public ExportTraceServiceResponse export(ExportTraceServiceRequest request, String... headers) {
    HttpResponse<byte[]> response = post("application/x-protobuf", request.toByteArray(), headers);
    if (response.statusCode() != 200) {
      throw new AssertionError("export answered " + response.statusCode() + ": " + text(response));
    }
    try {
      return ExportTraceServiceResponse.parseFrom(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode get(String path) {
    HttpResponse<byte[]> response = send(request(path).GET());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + text(response));
    }
    return json(response);
  }

  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Whether the server still answers its health check. */
  public boolean serving() {
    HttpResponse<byte[]> response = send(request("/healthz").GET());
    return response.statusCode() == 200 && text(response).equals("ok\n");
  }

  @Override
  public void close() {
    server.close();
  }
}
