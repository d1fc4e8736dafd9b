package dev.weft.server;

import static dev.weft.server.Otlp.attr;
import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {

  static final String TRACE = "5bf92f3577b34da6a3ce929d0e0e4736";
  static final int LIMIT = 64 * 1024;

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, config -> config.setMaxBodyBytes(LIMIT));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void nothingWasStoredAndTheServerStillServes() {
    assertThat(server.get("/api/projects").get("projects").toString()).doesNotContain("acme/bad");
    assertThat(server.serving()).isTrue();
  }

  @Test
  void malformedProtobufIs400WithTheReasonAsAStatus() throws IOException {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", new byte[] {0x0a, 0x05, 0x01},
        "project_id", "acme/bad");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    Status status = Status.parse(response.body());
    assertThat(status.code).isEqualTo(3);
    assertThat(status.message).startsWith(
        "invalid OTLP protobuf body: While parsing a protocol message, the input ended unexpectedly");
  }

  @Test
  void malformedJsonIs400WithTheReasonAsJson() {
    HttpResponse<byte[]> response = server.post("application/json", "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8),
        "project_id", "acme/bad");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(3);
    assertThat(TestServer.json(response).get("message").asText()).startsWith("invalid OTLP JSON body: ");
  }

  @Test
  void anUnknownContentTypeIs415() {
    HttpResponse<byte[]> response = server.post("text/plain", "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(TestServer.text(response))
        .isEqualTo("use Content-Type application/x-protobuf or application/json, got 'text/plain'\n");
  }

  @Test
  void anUnknownContentEncodingIs415() throws IOException {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", new byte[] {1}, "Content-Encoding", "br");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Status.parse(response.body()).message).isEqualTo("unsupported Content-Encoding 'br'; use gzip, deflate or none");
  }

  @Test
  void aBodyThatIsNotGzipIs400() throws IOException {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", new byte[] {1, 2, 3}, "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Status.parse(response.body()).message).isEqualTo("invalid gzip body: Not in GZIP format");
  }

  @Test
  void aBodyOverTheLimitIs413() throws IOException {
    HttpResponse<byte[]> response = server.post("application/x-protobuf", new byte[LIMIT + 1]);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parse(response.body()).message).isEqualTo("the body is 65537 bytes; the limit is 65536");
  }

  @Test
  void aSmallGzipBodyInflatingOverTheLimitIs413() throws IOException {
    byte[] bomb = Otlp.gzip(new byte[10 * LIMIT]);

    HttpResponse<byte[]> response = server.post("application/x-protobuf", bomb, "Content-Encoding", "gzip");

    assertThat(bomb.length).isLessThan(LIMIT / 10);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parse(response.body()).message).isEqualTo("the gzip body inflates to more than 65536 bytes, the limit");
  }

  @Test
  void aProjectIdThatIsNotTeamSlashProjectIs400() throws IOException {
    HttpResponse<byte[]> response = server.post("application/x-protobuf",
        Otlp.request(Otlp.project("acme", "bad"), span("op", TRACE, "0000000000000001", null, 0, 1)).toByteArray(),
        "project_id", "acme/bad/extra");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Status.parse(response.body()).message).isEqualTo("project_id header: project 'acme/bad/extra' is not"
        + " team/project (letters, digits, '.', '_', '-'; at most 128 each)");
  }

  @Test
  void onlyPostIsAllowedOnTheTracesPath() {
    HttpResponse<byte[]> response = server.send(server.request("/otel/v1/traces").GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(TestServer.text(response)).isEqualTo("use POST on /otel/v1/traces\n");
  }

  @Test
  void absurdSpansAreRejectedInPartialSuccessAndTheRestIsStored() {
    TestServer roomy = TestServer.start(dir.resolve("roomy"));
    try {
      ExportTraceServiceResponse response = roomy.export(Otlp.request(Otlp.project("acme", "partial"),
          span("fine", TRACE, "0000000000000001", null, 0, 10),
          span("n".repeat(10 * 1024 * 1024), TRACE, "0000000000000002", "0000000000000001", 1, 2),
          span("backwards", TRACE, "0000000000000003", "0000000000000001", 5, 4),
          span("conflict", TRACE, "0000000000000004", "0000000000000001", 1, 2, attr("input", "x"), attr("input.value", "y")),
          span("twice", TRACE, "0000000000000001", null, 0, 1)));

      assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(4);
      assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo(
          "Rejected span (name='" + "n".repeat(61) + "...' trace_id='" + TRACE + "' span_id='0000000000000002'):"
          + " name is 10485760 characters long; the limit is 4096; "
          + "Rejected span (name='backwards' trace_id='" + TRACE + "' span_id='0000000000000003'): end_time_unix_nano ("
          + (Otlp.T0 + 4 * Otlp.MS) + ") is before start_time_unix_nano (" + (Otlp.T0 + 5 * Otlp.MS) + "); "
          + "Rejected span (name='conflict' trace_id='" + TRACE + "' span_id='0000000000000004'): Invalid attribute"
          + " structure: cannot set subkey 'value' under parent key 'input' because it is already a str. Attributes"
          + " must form a valid tree structure.; "
          + "Rejected span (name='twice' trace_id='" + TRACE + "' span_id='0000000000000001'): span_id appears twice"
          + " in this request");
      assertThat(roomy.get("/api/projects/acme/partial/calls").get("calls"))
          .extracting(call -> call.get("op_name").asText()).containsExactly("fine");
      assertThat(roomy.serving()).isTrue();
    } finally {
      roomy.close();
    }
  }

  @Test
  void aStoreThatFailsIsAnswered503WithNothingStoredAndTheServerServing() throws IOException {
    TestServer broken = TestServer.start(dir.resolve("broken"));
    try {
      broken.server().store().close();

      HttpResponse<byte[]> response = broken.post("application/x-protobuf",
          Otlp.request(Otlp.project("acme", "bad"), span("op", TRACE, "0000000000000001", null, 0, 1)).toByteArray());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(Status.parse(response.body()).message).startsWith("the store failed, nothing was stored: ");
      assertThat(broken.serving()).isTrue();
      HttpResponse<byte[]> query = broken.send(broken.request("/api/projects").GET());
      assertThat(query.statusCode()).isEqualTo(503);
      assertThat(TestServer.json(query).get("error").asText()).startsWith("the store failed: ");
    } finally {
      broken.close();
    }
  }

  @Test
  void requestsWithTheWrongMethodOrPathAreAnswered() {
    assertThat(server.send(server.request("/api/projects").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
        .isEqualTo(405);
    assertThat(server.send(server.request("/no/such/page/here").GET()).statusCode()).isEqualTo(404);
  }

  /** A google.rpc.Status read from its protobuf encoding. */
  record Status(int code, String message) {
    static Status parse(byte[] bytes) throws IOException {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      int code = 0;
      String message = null;
      for (int tag; (tag = in.readTag()) != 0; ) {
        if (tag == (1 << 3)) {
          code = in.readInt32();
        } else if (tag == ((2 << 3) | 2)) {
          message = in.readString();
        } else {
          in.skipField(tag);
        }
      }
      return new Status(code, message);
    }
  }
}
