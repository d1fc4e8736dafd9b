package dev.weft.testing;

import static dev.weft.testing.OtlpRequests.CHILD_ID;
import static dev.weft.testing.OtlpRequests.ROOT_ID;
import static dev.weft.testing.OtlpRequests.TRACE_ID;
import static dev.weft.testing.OtlpRequests.post;
import static dev.weft.testing.OtlpRequests.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeWeaveTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String PROTOBUF = "application/x-protobuf";

  private final FakeWeave weave = FakeWeave.start();

  @AfterEach
  void close() {
    weave.close();
  }

  @Test
  void listensOnLoopbackWithAnEphemeralPort() {
    assertThat(weave.port()).isPositive();
    assertThat(weave.baseUrl()).isEqualTo("http://127.0.0.1:" + weave.port());
  }

  @Test
  void decodesGzippedProtobufIntoSpans() throws Exception {
    byte[] body = OtlpRequests.gzip(OtlpRequests.twoSpans().toByteArray());
    HttpResponse<byte[]> response = OtlpRequests.sendForBytes(
        post(weave, "/otel/v1/traces", PROTOBUF, body)
        .header("Content-Encoding", "gzip")
        .header("Authorization", "Basic abc"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(ExportTraceServiceResponse.parseFrom(response.body()))
        .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
    List<ReceivedSpan> spans = weave.awaitSpans(2, TIMEOUT);
    ReceivedSpan root = spans.get(0);
    assertThat(root).isEqualTo(new ReceivedSpan("agent.run", TRACE_ID, ROOT_ID, "", "INTERNAL",
        1_000, 2_000, "UNSET", "",
        Map.of("inputs", "{\"q\":\"hi\"}", "gen_ai.usage.prompt_tokens", 12L, "weight", 0.5,
            "wandb.is_turn", true, "tags", List.of("a", "b")),
        Map.of("wandb.entity", "team", "wandb.project", "proj"), List.of(), "weft"));
    assertThat(root.isRoot()).isTrue();
    assertThat(root.attr("gen_ai.usage.prompt_tokens")).isEqualTo(12L);
    ReceivedSpan child = spans.get(1);
    assertThat(child.parentSpanId()).isEqualTo(ROOT_ID);
    assertThat(child.spanId()).isEqualTo(CHILD_ID);
    assertThat(child.isRoot()).isFalse();
    assertThat(child.kind()).isEqualTo("CLIENT");
    assertThat(child.statusCode()).isEqualTo("ERROR");
    assertThat(child.statusMessage()).isEqualTo("boom");
    assertThat(child.events()).containsExactly(
        new ReceivedEvent("exception", 1_500, Map.of("exception.type", "E")));
  }

  @Test
  void recordsRequestsWithCaseInsensitiveHeaders() {
    send(post(weave, "/otel/v1/traces", PROTOBUF, OtlpRequests.twoSpans().toByteArray())
        .header("project_id", "team/proj"));

    ReceivedRequest request = weave.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/otel/v1/traces");
    assertThat(request.header("PROJECT_ID")).isEqualTo("team/proj");
    assertThat(request.header("content-type")).isEqualTo(PROTOBUF);
    assertThat(request.header("x-absent")).isNull();
    assertThat(request.contentType()).isEqualTo(PROTOBUF);
    assertThat(request.contentEncoding()).isEmpty();
    assertThat(request.spans()).extracting(ReceivedSpan::name)
        .containsExactly("agent.run", "tool.search");
    assertThat(weave.attempts()).isEqualTo(1);
  }

  @Test
  void decodesOtlpJsonWithHexIds() throws Exception {
    String json = JsonFormat.printer().print(OtlpRequests.twoSpans())
        .replace("\"" + java.util.Base64.getEncoder().encodeToString(
            OtlpRequests.bytes(TRACE_ID).toByteArray()) + "\"", "\"" + TRACE_ID + "\"")
        .replace("\"" + java.util.Base64.getEncoder().encodeToString(
            OtlpRequests.bytes(ROOT_ID).toByteArray()) + "\"", "\"" + ROOT_ID + "\"");
    assertThat(json).contains(TRACE_ID);

    HttpResponse<String> response = send(post(weave, "/otel/v1/traces", "application/json",
        json.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    ReceivedSpan root = weave.awaitSpan("agent.run", TIMEOUT);
    assertThat(root.traceId()).isEqualTo(TRACE_ID);
    assertThat(root.spanId()).isEqualTo(ROOT_ID);
  }

  @Test
  void answersOtherPathsWith404AndOtherMethodsWith405() {
    assertThat(send(post(weave, "/v1/traces", PROTOBUF, new byte[0])).statusCode()).isEqualTo(404);
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, new byte[0]).GET()).statusCode())
        .isEqualTo(405);
    assertThat(weave.requests()).extracting(ReceivedRequest::path)
        .containsExactly("/v1/traces", "/otel/v1/traces");
    assertThat(weave.attempts()).isZero();
  }

  @Test
  void answersBadBodiesWith400AndUnknownContentTypesWith415() {
    byte[] garbage = "not protobuf".getBytes(StandardCharsets.UTF_8);
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, garbage)).statusCode()).isEqualTo(400);
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, garbage)
        .header("Content-Encoding", "gzip")).statusCode()).isEqualTo(400);
    assertThat(send(post(weave, "/otel/v1/traces", "text/plain", garbage)).statusCode())
        .isEqualTo(415);
    assertThat(weave.spans()).isEmpty();
    assertThat(weave.attempts()).isEqualTo(3);
  }

  @Test
  void rejectsSpansWithALeafThatIsAlsoAPrefixAsWeaveDoes() throws Exception {
    var bad = OtlpRequests.span("bad", ROOT_ID, "")
        .addAttributes(OtlpRequests.kv("input", AnyValue.newBuilder().setStringValue("x")))
        .addAttributes(OtlpRequests.kv("input.value", AnyValue.newBuilder().setStringValue("y")))
        .build();
    var good = OtlpRequests.span("good", CHILD_ID, ROOT_ID).build();

    HttpResponse<byte[]> response = OtlpRequests.sendForBytes(post(weave, "/otel/v1/traces",
        PROTOBUF, OtlpRequests.request(bad, good).toByteArray()));

    assertThat(response.statusCode()).isEqualTo(200);
    var parsed = ExportTraceServiceResponse.parseFrom(response.body());
    assertThat(parsed.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(parsed.getPartialSuccess().getErrorMessage()).contains("'input'", "'input.value'");
    assertThat(weave.spans()).extracting(ReceivedSpan::name).containsExactly("good");
    assertThat(weave.rejectedSpans()).extracting(ReceivedSpan::name).containsExactly("bad");
  }

  @Test
  void respondWithAnswersEveryAttemptWithThatStatusUntilRespondNormally() {
    weave.respondWith(503);
    byte[] body = OtlpRequests.twoSpans().toByteArray();
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, body)).statusCode()).isEqualTo(503);
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, body)).statusCode()).isEqualTo(503);
    assertThat(weave.attempts()).isEqualTo(2);
    assertThat(weave.spans()).isEmpty();
    assertThat(weave.requests()).hasSize(2);

    weave.respondNormally();
    assertThat(send(post(weave, "/otel/v1/traces", PROTOBUF, body)).statusCode()).isEqualTo(200);
    assertThat(weave.awaitSpans(2, TIMEOUT)).hasSize(2);
    assertThat(weave.attempts()).isEqualTo(3);
  }

  @Test
  void hangHoldsRequestsUntilCloseWhichReturnsPromptly() {
    weave.hang();
    var pending = OtlpRequests.client().sendAsync(
        post(weave, "/otel/v1/traces", PROTOBUF, OtlpRequests.twoSpans().toByteArray()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(weave.awaitAttempts(1, TIMEOUT)).isEqualTo(1);
    assertThat(pending).isNotDone();
    long start = System.nanoTime();
    weave.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(pending).failsWithin(TIMEOUT);
    assertThat(weave.spans()).isEmpty();
  }

  @Test
  void awaitSpansFailsWithWhatWasReceivedWhenTheDeadlinePasses() {
    send(post(weave, "/otel/v1/traces", PROTOBUF, OtlpRequests.twoSpans().toByteArray()));

    assertThatThrownBy(() -> weave.awaitSpans(3, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at least 3 spans")
        .hasMessageContaining("[agent.run, tool.search]");
    assertThatThrownBy(() -> weave.awaitSpan("missing", Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("'missing'");
  }

  @Test
  void clearForgetsEverything() {
    send(post(weave, "/otel/v1/traces", PROTOBUF, OtlpRequests.twoSpans().toByteArray()));
    weave.clear();
    assertThat(weave.spans()).isEmpty();
    assertThat(weave.requests()).isEmpty();
    assertThat(weave.attempts()).isZero();
  }
}
