package dev.weft.exporter.weave;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedEvent;
import dev.weft.testing.ReceivedRequest;
import dev.weft.testing.ReceivedSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeaveSpanExporterEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final FakeWeave weave = FakeWeave.start();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .setResource(Resource.create(Attributes.of(stringKey("service.name"), "shop-api")))
      .addSpanProcessor(BatchSpanProcessor.builder(WeaveSpanExporter.builder()
              .setEndpoint(weave.baseUrl() + "/")
              .setProject("acme/shop")
              .setApiKey("test-key")
              .setHeaders(Map.of("x-weft-test", "1"))
              .build())
          .build())
      .build();
  private final Tracer tracer = tracerProvider.get("dev.weft.test");

  @AfterEach
  void close() {
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    weave.close();
  }

  @Test
  void sendsAMappedSpanTreeToWeavesOtlpEndpoint() {
    Span agent = tracer.spanBuilder("support_agent.answer")
        .setAttribute(WeftAttributes.INPUTS, "{\"question\":\"Is the blue mug in stock?\"}")
        .setAttribute(WeftAttributes.KIND, WeftAttributes.KIND_AGENT)
        .setAttribute(WeftAttributes.THREAD_ID, "thread-42")
        .setAttribute(WeftAttributes.IS_TURN, true)
        .startSpan();
    Span llm;
    Span tool;
    Scope agentScope = agent.makeCurrent();
    try {
      llm = tracer.spanBuilder("openai.chat.completions.create")
          .setAttribute(WeftAttributes.KIND, WeftAttributes.KIND_LLM)
          .setAttribute(WeftAttributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
          .startSpan();
      Scope llmScope = llm.makeCurrent();
      try {
        tool = tracer.spanBuilder("inventory.lookup")
            .setAttribute(WeftAttributes.KIND, WeftAttributes.KIND_TOOL)
            .setAttribute(WeftAttributes.INPUTS, "{\"sku\":\"MUG-BLUE\"}")
            .startSpan();
        tool.recordException(new IllegalStateException("inventory service down"));
        tool.setStatus(StatusCode.ERROR, "inventory service down");
        tool.end();
      } finally {
        llmScope.close();
      }
      llm.setAttribute(WeftAttributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
      llm.setAttribute(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 120L);
      llm.setAttribute(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 30L);
      llm.setAttribute(WeftAttributes.OUTPUT, "\"Sorry, I cannot check stock now.\"");
      llm.end();
    } finally {
      agentScope.close();
    }
    agent.setAttribute(WeftAttributes.OUTPUT, "{\"answer\":\"Sorry, I cannot check stock now.\"}");
    agent.end();

    CompletableResultCode flushed = tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);

    assertThat(flushed.isSuccess()).isTrue();
    Map<String, ReceivedSpan> spans = weave.awaitSpans(3, TIMEOUT).stream()
        .collect(Collectors.toMap(ReceivedSpan::name, Function.identity()));
    assertThat(spans).hasSize(3);
    assertRequests(weave.requests());
    assertTree(spans.get("support_agent.answer"), spans.get("openai.chat.completions.create"),
        spans.get("inventory.lookup"), agent, llm, tool);
    assertAgent(spans.get("support_agent.answer"));
    assertLlm(spans.get("openai.chat.completions.create"));
    assertTool(spans.get("inventory.lookup"));
  }

  private static void assertRequests(List<ReceivedRequest> requests) {
    assertThat(requests).isNotEmpty().allSatisfy(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/otel/v1/traces");
      assertThat(request.contentType()).isEqualTo("application/x-protobuf");
      assertThat(request.contentEncoding()).isEqualTo("gzip");
      assertThat(request.header("authorization")).isEqualTo(
          "Basic " + Base64.getEncoder().encodeToString("api:test-key".getBytes()));
      assertThat(request.header("project_id")).isEqualTo("acme/shop");
      assertThat(request.header("x-weft-test")).isEqualTo("1");
    });
  }

  private static void assertTree(ReceivedSpan agent, ReceivedSpan llm, ReceivedSpan tool,
      Span sentAgent, Span sentLlm, Span sentTool) {
    assertThat(agent.isRoot()).isTrue();
    assertThat(agent.spanId()).isEqualTo(sentAgent.getSpanContext().getSpanId());
    assertThat(llm.spanId()).isEqualTo(sentLlm.getSpanContext().getSpanId());
    assertThat(tool.spanId()).isEqualTo(sentTool.getSpanContext().getSpanId());
    assertThat(llm.parentSpanId()).isEqualTo(agent.spanId());
    assertThat(tool.parentSpanId()).isEqualTo(llm.spanId());
    assertThat(List.of(agent.traceId(), llm.traceId(), tool.traceId()))
        .containsOnly(sentAgent.getSpanContext().getTraceId());
    for (ReceivedSpan span : List.of(agent, llm, tool)) {
      assertThat(span.resource()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "service.name", "shop-api", "wandb.entity", "acme", "wandb.project", "shop"));
      assertThat(span.scopeName()).isEqualTo("dev.weft.test");
      assertThat(span.kind()).isEqualTo("INTERNAL");
      assertThat(span.endEpochNanos()).isGreaterThanOrEqualTo(span.startEpochNanos());
    }
  }

  private static void assertAgent(ReceivedSpan agent) {
    assertThat(agent.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "inputs", "{\"question\":\"Is the blue mug in stock?\"}",
        "output", "{\"answer\":\"Sorry, I cannot check stock now.\"}",
        "weave.span.kind", "agent",
        "wandb.thread_id", "thread-42",
        "wandb.is_turn", true));
    assertThat(agent.statusCode()).isEqualTo("UNSET");
    assertThat(agent.events()).isEmpty();
  }

  private static void assertLlm(ReceivedSpan llm) {
    assertThat(llm.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "weave.span.kind", "llm",
        "gen_ai.request.model", "gpt-4o-mini",
        "gen_ai.response.model", "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.prompt_tokens", 120L,
        "gen_ai.usage.completion_tokens", 30L,
        "llm.usage.total_tokens", 150L,
        "output", "Sorry, I cannot check stock now."));
  }

  private static void assertTool(ReceivedSpan tool) {
    assertThat(tool.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "weave.span.kind", "tool", "inputs", "{\"sku\":\"MUG-BLUE\"}"));
    assertThat(tool.statusCode()).isEqualTo("ERROR");
    assertThat(tool.statusMessage()).isEqualTo("inventory service down");
    assertThat(tool.events()).hasSize(1);
    ReceivedEvent exception = tool.events().get(0);
    assertThat(exception.name()).isEqualTo("exception");
    assertThat(exception.attributes()).containsOnlyKeys(
        "exception.type", "exception.message", "exception.stacktrace");
    assertThat(exception.attr("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(exception.attr("exception.message")).isEqualTo("inventory service down");
    assertThat((String) exception.attr("exception.stacktrace"))
        .startsWith("java.lang.IllegalStateException: inventory service down")
        .contains("at dev.weft.exporter.weave.WeaveSpanExporterEndToEndTest");
  }
}
