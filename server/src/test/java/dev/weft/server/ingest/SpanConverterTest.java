package dev.weft.server.ingest;

import static dev.weft.server.Otlp.attr;
import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.Otlp;
import dev.weft.server.store.CallRecord;
import dev.weft.server.store.Usage;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanConverterTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final Prices PRICES = Prices.of(List.of(
      new Prices.Price("meta-llama/Llama-3.1-8B-Instruct", 0.22, 0.22, "W&B Inference", "test", "2025-01-01"),
      new Prices.Price("gpt-4o-mini", 0.15, 0.60, "OpenAI", "test", "2025-01-01")));

  final SpanConverter converter = new SpanConverter(PRICES);

  @Test
  void weftSpansBecomeCallsWithInputsOutputKindThreadAndUsage() throws Exception {
    Span.Builder span = span("openai.chat.completions.create", TRACE, "00f067aa0ba902b7", "b7ad6b7169203331", 10, 250,
        attr("inputs", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        attr("output", "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"}}]}"),
        attr("weave.span.kind", "llm"),
        attr("wandb.display_name", "Chat"),
        attr("wandb.attributes", "{\"env\":\"test\",\"user\":\"u1\"}"),
        attr("wandb.thread_id", "thread-7"),
        attr("wandb.is_turn", true),
        attr("gen_ai.operation.name", "chat"),
        attr("gen_ai.request.model", "meta-llama/Llama-3.1-8B-Instruct"),
        attr("gen_ai.response.model", "meta-llama/Llama-3.1-8B-Instruct"),
        attr("gen_ai.usage.prompt_tokens", 12L),
        attr("gen_ai.usage.completion_tokens", 5L),
        attr("llm.usage.total_tokens", 17L));

    CallRecord call = convert(span);

    assertThat(call.project()).isEqualTo("team/proj");
    assertThat(call.id()).isEqualTo("00f067aa0ba902b7");
    assertThat(call.traceId()).isEqualTo(TRACE);
    assertThat(call.parentId()).isEqualTo("b7ad6b7169203331");
    assertThat(call.opName()).isEqualTo("openai.chat.completions.create");
    assertThat(call.displayName()).isEqualTo("Chat");
    assertThat(call.kind()).isEqualTo("llm");
    assertThat(call.status()).isEqualTo("success");
    assertThat(call.startedNs()).isEqualTo(Otlp.T0 + 10 * Otlp.MS);
    assertThat(call.endedNs()).isEqualTo(Otlp.T0 + 250 * Otlp.MS);
    assertThat(call.model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(call.threadId()).isEqualTo("thread-7");
    assertThat(call.turnId()).isEqualTo("00f067aa0ba902b7");
    assertThat(call.inputs()).isEqualTo(json(
        "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(call.output()).isEqualTo(json(
        "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"}}]}"));
    assertThat(call.attributes()).isEqualTo(json("{\"kind\":\"llm\",\"model\":\"meta-llama/Llama-3.1-8B-Instruct\","
        + "\"model_parameters\":{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\"},\"operation\":\"chat\","
        + "\"env\":\"test\",\"user\":\"u1\"}"));
    assertThat(call.exception()).isNull();
    assertThat(call.usage()).containsExactly(Map.entry("meta-llama/Llama-3.1-8B-Instruct",
        new Usage(12, 5, 17, 1, (12 * 0.22 + 5 * 0.22) / 1e6)));
    assertThat(call.otel().get("inputs_key").asText()).isEqualTo("inputs");
    assertThat(call.otel().get("attributes").has("inputs")).isFalse();
  }

  @Test
  void aTurnNeedsAThread() throws Exception {
    CallRecord call = convert(span("op", TRACE, "00f067aa0ba902b7", null, 0, 1, attr("wandb.is_turn", true)));

    assertThat(call.threadId()).isNull();
    assertThat(call.turnId()).isNull();
    assertThat(call.parentId()).isNull();
  }

  @Test
  void openTelemetryAgentGenAiSpansGetModelAndUsageFromInputOutputTokens() throws Exception {
    Span.Builder span = span("chat gpt-4o-mini", TRACE, "1111111111111111", null, 0, 900,
        attr("gen_ai.operation.name", "chat"),
        attr("gen_ai.system", "openai"),
        attr("gen_ai.request.model", "gpt-4o-mini"),
        attr("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
        KeyValue.newBuilder().setKey("gen_ai.response.finish_reasons").setValue(AnyValue.newBuilder()
            .setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("stop")))).build(),
        attr("gen_ai.usage.input_tokens", 20L),
        attr("gen_ai.usage.output_tokens", 7L),
        attr("server.address", "api.openai.com"));
    span.setKind(Span.SpanKind.SPAN_KIND_CLIENT);

    CallRecord call = convert(span);

    assertThat(call.opName()).isEqualTo("chat gpt-4o-mini");
    assertThat(call.inputs()).isEqualTo(json("{}"));
    assertThat(call.output()).isNull();
    assertThat(call.kind()).isNull();
    assertThat(call.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(call.attributes()).isEqualTo(json("{\"system\":\"openai\",\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"model_parameters\":{\"model\":\"gpt-4o-mini\"},\"operation\":\"chat\"}"));
    assertThat(call.usage()).containsExactly(Map.entry("gpt-4o-mini-2024-07-18",
        new Usage(20, 7, 27, 1, (20 * 0.15 + 7 * 0.60) / 1e6)));
    assertThat(call.otel().get("kind").asText()).isEqualTo("CLIENT");
  }

  @Test
  void spansWithNothingRecognizedKeepEveryAttribute() throws Exception {
    Span.Builder span = span("GET /hello", TRACE, "2222222222222222", null, 0, 3,
        attr("http.request.method", "GET"), attr("url.path", "/hello"), attr("http.response.status_code", 200L));

    CallRecord call = convert(span);

    assertThat(call.attributes()).isEqualTo(json("{\"http\":{\"request\":{\"method\":\"GET\"},"
        + "\"response\":{\"status_code\":200}},\"url\":{\"path\":\"/hello\"}}"));
    assertThat(call.usage()).isEmpty();
    assertThat(call.model()).isNull();
  }

  @Test
  void openInferenceSpansKeepInputValueAndOutputValueUnderTheirKeys() throws Exception {
    Span.Builder span = span("ChatCompletion", TRACE, "3333333333333333", null, 0, 400,
        attr("openinference.span.kind", "LLM"),
        attr("input.value", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"gpt-4o-mini\"}"),
        attr("input.mime_type", "application/json"),
        attr("output.value", "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"yo\"}}]}"),
        attr("output.mime_type", "application/json"),
        attr("llm.model_name", "gpt-4o-mini"),
        attr("llm.provider", "openai"),
        attr("llm.system", "openai"),
        attr("llm.invocation_parameters", "{\"temperature\":0.2}"),
        attr("llm.input_messages.0.message.role", "user"),
        attr("llm.input_messages.0.message.content", "hi"),
        attr("llm.token_count.prompt", 9L),
        attr("llm.token_count.completion", 3L),
        attr("llm.token_count.total", 12L));

    CallRecord call = convert(span);

    assertThat(call.inputs()).isEqualTo(json("{\"input.value\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"model\":\"gpt-4o-mini\"}}"));
    assertThat(call.output()).isEqualTo(json("{\"output.value\":{\"choices\":[{\"message\":{\"role\":\"assistant\","
        + "\"content\":\"yo\"}}]}}"));
    assertThat(call.kind()).isEqualTo("llm");
    assertThat(call.model()).isEqualTo("gpt-4o-mini");
    assertThat(call.attributes()).isEqualTo(json("{\"system\":\"openai\",\"kind\":\"LLM\",\"model\":\"gpt-4o-mini\","
        + "\"provider\":\"openai\",\"model_parameters\":{\"temperature\":0.2}}"));
    assertThat(call.usage()).containsExactly(Map.entry("gpt-4o-mini", new Usage(9, 3, 12, 1, (9 * 0.15 + 3 * 0.60) / 1e6)));
  }

  @Test
  void openLlmetrySpansTurnNumberedPromptsAndCompletionsIntoLists() throws Exception {
    Span.Builder span = span("openai.chat", TRACE, "4444444444444444", null, 0, 700,
        attr("llm.request.type", "chat"),
        attr("gen_ai.system", "OpenAI"),
        attr("gen_ai.request.model", "gpt-4o"),
        attr("gen_ai.response.model", "gpt-4o-2024-08-06"),
        attr("gen_ai.prompt.0.role", "system"),
        attr("gen_ai.prompt.0.content", "Be brief."),
        attr("gen_ai.prompt.1.role", "user"),
        attr("gen_ai.prompt.1.content", "Capital of France?"),
        attr("gen_ai.completion.0.role", "assistant"),
        attr("gen_ai.completion.0.content", "Paris."),
        attr("gen_ai.completion.0.finish_reason", "stop"),
        attr("gen_ai.usage.prompt_tokens", 30L),
        attr("gen_ai.usage.completion_tokens", 8L),
        attr("llm.usage.total_tokens", 38L),
        attr("traceloop.span.kind", "task"));

    CallRecord call = convert(span);

    assertThat(call.inputs()).isEqualTo(json("{\"gen_ai.prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"Capital of France?\"}]}"));
    assertThat(call.output()).isEqualTo(json("{\"gen_ai.completion\":[{\"role\":\"assistant\",\"content\":\"Paris.\","
        + "\"finish_reason\":\"stop\"}]}"));
    assertThat(call.kind()).isEqualTo("task");
    assertThat(call.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(call.usage()).containsExactly(Map.entry("gpt-4o-2024-08-06", new Usage(30, 8, 38, 1, null)));
  }

  @Test
  void inputsComeFromTheFirstKeyInWeavesOrder() throws Exception {
    Span.Builder span = span("op", TRACE, "5555555555555555", null, 0, 1,
        attr("inputs", "{\"a\":1}"), attr("traceloop.entity.input", "{\"b\":2}"), attr("output", "done"),
        attr("mlflow.spanOutputs", "[1,2]"));

    CallRecord call = convert(span);

    assertThat(call.inputs()).isEqualTo(json("{\"traceloop.entity.input\":{\"b\":2}}"));
    assertThat(call.output()).isEqualTo(json("{\"mlflow.spanOutputs\":[1,2]}"));
  }

  @Test
  void emptyAndZeroValuesDoNotCountAsPresent() throws Exception {
    Span.Builder span = span("op", TRACE, "5555555555555556", null, 0, 1,
        attr("ai.prompt", ""), attr("inputs", "{\"q\":\"x\"}"), attr("output", "plain text"),
        attr("gen_ai.usage.prompt_tokens", 0L), attr("gen_ai.usage.input_tokens", 4L));

    CallRecord call = convert(span);

    assertThat(call.inputs()).isEqualTo(json("{\"q\":\"x\"}"));
    assertThat(call.output()).isEqualTo(json("\"plain text\""));
    assertThat(call.usage()).containsExactly(Map.entry("usage", new Usage(4, 0, 4, 1, null)));
  }

  @Test
  void aFailedSpanCarriesItsExceptionTypeMessageAndStack() throws Exception {
    Span.Builder span = Otlp.failed(span("answer_question", TRACE, "6666666666666666", null, 0, 5),
        "java.lang.IllegalArgumentException", "question is empty", "java.lang.IllegalArgumentException: question is empty\n\tat A.b(A.java:1)\n");

    CallRecord call = convert(span);

    assertThat(call.status()).isEqualTo("error");
    assertThat(call.exception()).isEqualTo(json("{\"type\":\"java.lang.IllegalArgumentException\","
        + "\"message\":\"question is empty\",\"stacktrace\":\"java.lang.IllegalArgumentException: question is empty\\n\\tat A.b(A.java:1)\\n\"}"));
  }

  @Test
  void anExceptionEventWithoutErrorStatusIsNotAFailure() throws Exception {
    Span.Builder span = Otlp.failed(span("op", TRACE, "6666666666666667", null, 0, 5), "E", "handled", "s");
    span.clearStatus();

    CallRecord call = convert(span);

    assertThat(call.status()).isEqualTo("success");
    assertThat(call.exception()).isNull();
  }

  @Test
  void longNamesAreShortenedLikeWeaveDoes() throws Exception {
    String longName = "x".repeat(200);
    CallRecord call = convert(span(longName, TRACE, "7777777777777777", null, 0, 1,
        attr("wandb.display_name", "d".repeat(2000))));

    assertThat(call.opName()).hasSize(128).startsWith("x".repeat(123)).matches(".*:[0-9a-f]{4}");
    assertThat(call.displayName()).hasSize(1024).endsWith("d...");
  }

  @Test
  void aLeafThatIsAlsoAPrefixRejectsTheSpanWithWeavesReason() {
    assertThatThrownBy(() -> convert(span("op", TRACE, "8888888888888888", null, 0, 1,
        attr("input", "x"), attr("input.value", "y"))))
        .isInstanceOf(SpanConverter.Rejected.class)
        .hasMessage("Invalid attribute structure: cannot set subkey 'value' under parent key 'input' because it"
            + " is already a str. Attributes must form a valid tree structure.");
    assertThatThrownBy(() -> convert(span("op", TRACE, "8888888888888888", null, 0, 1,
        attr("input.value", "y"), attr("input", "x"))))
        .isInstanceOf(SpanConverter.Rejected.class)
        .hasMessageStartingWith("Invalid attribute structure: received both nested subkeys for 'input'");
  }

  @Test
  void aLeafHoldingAJsonObjectMayHaveChildren() throws Exception {
    CallRecord call = convert(span("op", TRACE, "8888888888888889", null, 0, 1,
        attr("input", "{\"a\":1}"), attr("input.value", "y")));

    assertThat(call.inputs()).isEqualTo(json("{\"input.value\":\"y\"}"));
  }

  @Test
  void absurdSpansAreRejectedWithTheReason() {
    assertThatThrownBy(() -> convert(span("x".repeat(10_000), TRACE, "9999999999999999", null, 0, 1)))
        .hasMessage("name is 10000 characters long; the limit is 4096");
    assertThatThrownBy(() -> convert(span("op", TRACE, "9999999999999999", null, 5, 4)))
        .hasMessage("end_time_unix_nano (" + (Otlp.T0 + 4 * Otlp.MS) + ") is before start_time_unix_nano ("
            + (Otlp.T0 + 5 * Otlp.MS) + ")");
    assertThatThrownBy(() -> convert(span("op", "0af7651916cd43dd", "9999999999999999", null, 0, 1)))
        .hasMessage("trace_id must be 16 bytes and not all zero, got 8 bytes");
    assertThatThrownBy(() -> convert(span("op", TRACE, "0000000000000000", null, 0, 1)))
        .hasMessage("span_id must be 8 bytes and not all zero, got 8 bytes");
    assertThatThrownBy(() -> convert(span("op", TRACE, "9999999999999999", "abcd", 0, 1)))
        .hasMessage("parent_span_id must be empty or 8 bytes, got 2 bytes");
    assertThatThrownBy(() -> convert(span("op", TRACE, "9999999999999999", null, 0, 1).setStartTimeUnixNano(0)))
        .hasMessage("start_time_unix_nano must be a time after 1970, got 0");
  }

  CallRecord convert(Span.Builder span) throws SpanConverter.Rejected {
    ObjectNode resource = JSON.createObjectNode();
    ObjectNode scope = JSON.createObjectNode().put("name", "test");
    return converter.convert("team/proj", span.build(), resource, scope);
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
