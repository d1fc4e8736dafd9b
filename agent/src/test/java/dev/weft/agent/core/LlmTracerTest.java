package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.llm.LlmCallMatcher;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmTracerTest {
  private static final String URL = "https://api.inference.wandb.ai/v1/chat/completions";
  private static final Map<String, List<String>> HEADERS = Map.of(
      "Authorization", List.of("Bearer sk-very-secret"),
      "OpenAI-Project", List.of("team/project"),
      "Content-Type", List.of("application/json"));

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();

  @AfterEach
  void close() {
    provider.close();
  }

  private LlmTracer tracer(boolean askForUsage) {
    return new LlmTracer(provider.get("test"), LlmCallMatcher.defaults(), Redactor.defaults(), true,
        1_048_576, askForUsage);
  }

  @Test
  void aPlainChatCallBecomesOneLlmSpanUnderTheCurrentSpan() {
    LlmTracer llm = tracer(true);
    Span parent = provider.get("test").spanBuilder("pipeline").startSpan();
    Object call;
    try (Scope ignored = parent.makeCurrent()) {
      call = llm.start("POST", URL, HEADERS, fixture("chat_request.json"), null);
    }
    assertThat(llm.requestBody(call)).as("a call that does not stream is sent as it is").isNull();
    llm.response(call, 200, "application/json");
    byte[] response = fixture("chat_response.json");
    assertThat(feedInPieces(llm, call, response, 7)).isEqualTo(response);
    assertThat(llm.finish(call)).isNull();
    llm.end(call, null);
    parent.end();

    SpanData span = only("openai.chat.completions.create");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(string(span, "weft.kind")).isEqualTo("llm");
    assertThat(string(span, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(string(span, "gen_ai.provider.name")).isNotEqualTo("openai");
    assertThat(string(span, "gen_ai.request.model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(string(span, "server.address")).isEqualTo("api.inference.wandb.ai");
    assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(443L);
    assertThat(string(span, "openai.project")).isEqualTo("team/project");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isPositive();
    assertThat(string(span, "weft.inputs")).contains("Tell me a joke.");
    assertThat(string(span, "weft.output")).contains("chat.completion");
    assertThat(span.getAttributes().toString()).doesNotContain("sk-very-secret");
  }

  @Test
  void aStreamThatDidNotAskForUsageIsAskedAndTheUsageChunkIsHiddenFromTheApp() {
    LlmTracer llm = tracer(true);
    Object call = llm.start("POST", URL, HEADERS, utf8("{\"model\":\"m\",\"stream\":true,\"messages\":[]}"), null);
    assertThat(new String(llm.requestBody(call), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"m\",\"stream\":true,\"messages\":[],\"stream_options\":{\"include_usage\":true}}");
    llm.response(call, 200, "text/event-stream; charset=utf-8");
    byte[] wire = fixture("chat_stream_usage.sse");
    ByteArrayOutputStream app = new ByteArrayOutputStream();
    app.writeBytes(feedInPieces(llm, call, wire, 13));
    app.writeBytes(llm.finish(call));
    llm.end(call, null);

    String seen = app.toString(StandardCharsets.UTF_8);
    assertThat(seen).doesNotContain("\"choices\":[],\"usage\"").contains("data: [DONE]");
    assertThat(wire.length - seen.length()).isPositive();
    SpanData span = only("openai.chat.completions.create");
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(25L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(9L);
    assertThat(string(span, "weft.output")).contains("Why did the");
    assertThat(span.getAttributes().get(LlmTracer.TIME_TO_FIRST_CHUNK)).isNotNull().isPositive();
    assertThat(span.getAttributes().get(LlmTracer.CLOSED_EARLY)).isNull();
  }

  @Test
  void aStreamThatAskedForUsageItselfGetsEveryByte() {
    LlmTracer llm = tracer(true);
    Object call = llm.start("POST", URL, HEADERS,
        utf8("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), null);
    assertThat(llm.requestBody(call)).isNull();
    llm.response(call, 200, "text/event-stream");
    byte[] wire = fixture("chat_stream_usage.sse");
    assertThat(feedInPieces(llm, call, wire, 5)).isEqualTo(wire);
    assertThat(llm.finish(call)).isNull();
    llm.end(call, null);
    assertThat(only("openai.chat.completions.create").getAttributes()
        .get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(9L);
  }

  @Test
  void askingForUsageCanBeSwitchedOff() {
    LlmTracer llm = tracer(false);
    Object call = llm.start("POST", URL, HEADERS, utf8("{\"stream\":true}"), null);
    assertThat(llm.requestBody(call)).isNull();
  }

  @Test
  void anErrorStatusGivesAnErrorSpanWithTheServersMessage() {
    LlmTracer llm = tracer(true);
    Object call = llm.start("POST", URL, HEADERS, fixture("chat_request.json"), null);
    llm.response(call, 429, "application/json");
    byte[] body = fixture("error_429.json");
    assertThat(feedInPieces(llm, call, body, 100)).isEqualTo(body);
    llm.finish(call);
    llm.end(call, null);
    SpanData span = only("openai.chat.completions.create");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("429 Concurrency limit reached for requests");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(429L);
  }

  @Test
  void aNetworkFailureGivesAnErrorSpanWithTheException() {
    LlmTracer llm = tracer(true);
    Object call = llm.start("POST", URL, HEADERS, fixture("chat_request.json"), null);
    llm.end(call, new ConnectException("Connection refused"));
    llm.end(call, null); // a second end is ignored
    SpanData span = only("openai.chat.completions.create");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("Connection refused");
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void aStreamClosedEarlyEndsTheSpanWithWhatArrived() {
    LlmTracer llm = tracer(true);
    Object call = llm.start("POST", URL, HEADERS, utf8("{\"stream\":true}"), null);
    llm.response(call, 200, "text/event-stream");
    byte[] wire = fixture("chat_stream_usage.sse");
    llm.chunk(call, wire, 0, wire.length / 2);
    llm.end(call, null);
    SpanData span = only("openai.chat.completions.create");
    assertThat(span.getAttributes().get(LlmTracer.CLOSED_EARLY)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(string(span, "weft.output")).contains("Why did the");
  }

  @Test
  void requestsThatAreNotModelCallsAreNotTraced() {
    LlmTracer llm = tracer(true);
    assertThat(llm.start("GET", "https://api.openai.com/v1/models", HEADERS, null, null)).isNull();
    assertThat(llm.start("POST", "https://example.com/v1/files", HEADERS, new byte[0], null)).isNull();
    assertThat(llm.start("POST", "not a url", HEADERS, null, null)).isNull();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aContextTakenOnTheAppThreadIsTheParentOnAnother() throws Exception {
    LlmTracer llm = tracer(true);
    Span parent = provider.get("test").spanBuilder("agent").startSpan();
    Object context;
    try (Scope ignored = parent.makeCurrent()) {
      context = llm.currentContext();
    }
    Object[] call = new Object[1];
    Thread other = new Thread(() -> call[0] = llm.start("POST", URL, HEADERS, null, context));
    other.start();
    other.join();
    llm.end(call[0], null);
    assertThat(only("openai.chat.completions.create").getParentSpanId())
        .isEqualTo(parent.getSpanContext().getSpanId());
  }

  private SpanData only(String name) {
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).extracting(SpanData::getName).containsOnlyOnce(name);
    return finished.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  /** What the app receives when {@code bytes} arrive in pieces of {@code size}. */
  private static byte[] feedInPieces(LlmTracer llm, Object call, byte[] bytes, int size) {
    ByteArrayOutputStream app = new ByteArrayOutputStream();
    for (int off = 0; off < bytes.length; off += size) {
      int len = Math.min(size, bytes.length - off);
      byte[] replaced = llm.chunk(call, bytes, off, len);
      if (replaced == null) {
        app.write(bytes, off, len);
      } else {
        app.writeBytes(replaced);
      }
    }
    return app.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] fixture(String name) {
    try (InputStream in = LlmTracerTest.class.getResourceAsStream("/llm/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
