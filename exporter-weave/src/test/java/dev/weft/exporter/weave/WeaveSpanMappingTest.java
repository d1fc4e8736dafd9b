package dev.weft.exporter.weave;

import static dev.weft.exporter.weave.Spans.byName;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeaveSpanMappingTest {

  private final WeaveSpanMapping mapping = new WeaveSpanMapping("acme", "shop");

  @Test
  void renamesWeftKeysToTheKeysWeaveReads() {
    Attributes weft = Attributes.builder()
        .put(WeftAttributes.INPUTS, "{\"question\":\"hi\"}")
        .put(WeftAttributes.OUTPUT, "{\"answer\":42}")
        .put(WeftAttributes.KIND, "agent")
        .put(WeftAttributes.DISPLAY_NAME, "Answer a question")
        .put(WeftAttributes.ATTRIBUTES, "{\"env\":\"prod\"}")
        .put(WeftAttributes.THREAD_ID, "thread-1")
        .put(WeftAttributes.IS_TURN, true)
        .put("app.user", "u-7")
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(weft))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "inputs", "{\"question\":\"hi\"}",
        "output", "{\"answer\":42}",
        "weave.span.kind", "agent",
        "wandb.display_name", "Answer a question",
        "wandb.attributes", "{\"env\":\"prod\"}",
        "wandb.thread_id", "thread-1",
        "wandb.is_turn", true,
        "app.user", "u-7"));
  }

  @Test
  void weftKeysWinOverWeaveKeysAlreadyOnTheSpan() {
    Attributes attributes = Attributes.builder()
        .put("inputs", "{\"stale\":1}")
        .put(WeftAttributes.INPUTS, "{\"fresh\":2}")
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(attributes)))
        .containsExactly(entry("inputs", "{\"fresh\":2}"));
  }

  @Test
  void sendsAJsonStringOutputAsTheStringItStandsFor() {
    assertThat(WeaveSpanMapping.weaveValue("output", "\"done \\\"now\\\"\\n\""))
        .isEqualTo("done \"now\"\n");
    assertThat(WeaveSpanMapping.weaveValue("output", "\"caf\\u00e9\"")).isEqualTo("café");
    // Kept as JSON text: Weave would parse an unquoted "{..." as an object, and non-strings as is.
    assertThat(WeaveSpanMapping.weaveValue("output", "\"{not an object}\""))
        .isEqualTo("\"{not an object}\"");
    assertThat(WeaveSpanMapping.weaveValue("output", "42")).isEqualTo("42");
    assertThat(WeaveSpanMapping.weaveValue("output", "[1,2]")).isEqualTo("[1,2]");
    assertThat(WeaveSpanMapping.weaveValue("output", "\"a\"b\"")).isEqualTo("\"a\"b\"");
    assertThat(WeaveSpanMapping.weaveValue("output", "\"bad \\x escape\""))
        .isEqualTo("\"bad \\x escape\"");
    assertThat(WeaveSpanMapping.weaveValue("inputs", "\"x\"")).isEqualTo("\"x\"");
  }

  @Test
  void turnsGenAiUsageIntoOnePromptCompletionPairWithATotal() {
    Attributes llm = Attributes.builder()
        .put(WeftAttributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
        .put(WeftAttributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
        .put(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 12L)
        .put(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 5L)
        .put(WeftAttributes.GEN_AI_OPERATION_NAME, "chat")
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(llm))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "gen_ai.request.model", "gpt-4o-mini",
        "gen_ai.response.model", "gpt-4o-mini-2024-07-18",
        "gen_ai.usage.prompt_tokens", 12L,
        "gen_ai.usage.completion_tokens", 5L,
        "llm.usage.total_tokens", 17L,
        "gen_ai.operation.name", "chat"));
  }

  @Test
  void keepsPromptAndCompletionTokensTheSpanAlreadyHasAndDropsInputAndOutput() {
    Attributes attributes = Attributes.builder()
        .put(longKey("gen_ai.usage.prompt_tokens"), 30L)
        .put(longKey("gen_ai.usage.completion_tokens"), 40L)
        .put(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 12L)
        .put(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 5L)
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(attributes)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "gen_ai.usage.prompt_tokens", 30L,
            "gen_ai.usage.completion_tokens", 40L,
            "llm.usage.total_tokens", 70L));
  }

  @Test
  void keepsAnExistingTotalAndSendsNoTotalForHalfAPair() {
    Attributes withTotal = Attributes.builder()
        .put(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 12L)
        .put(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 5L)
        .put(WeaveSpanMapping.TOTAL_TOKENS, 20L)
        .build();
    Attributes inputOnly = Attributes.of(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 12L);

    assertThat(byName(WeaveSpanMapping.mapAttributes(withTotal)))
        .containsEntry("llm.usage.total_tokens", 20L);
    assertThat(byName(WeaveSpanMapping.mapAttributes(inputOnly)))
        .containsExactly(entry("gen_ai.usage.prompt_tokens", 12L));
  }

  @Test
  void dropsKeysWeaveWouldPreferToWeftInputsAndOutput() {
    Attributes attributes = Attributes.builder()
        .put(WeftAttributes.INPUTS, "{\"q\":1}")
        .put(WeftAttributes.OUTPUT, "{\"a\":2}")
        .put("input.value", "q=1")
        .put("input.mime_type", "text/plain")
        .put("output.value", "a=2")
        .put("gen_ai.input.messages", "[]")
        .put("gen_ai.prompt.0.content", "hi")
        .put("gen_ai.completion.0.content", "hello")
        .put("input", "raw")
        .put("inputs_count", 1L)
        .build();

    // input.mime_type goes too: Weave looks "input" up in the expanded tree, where it is present.
    assertThat(byName(WeaveSpanMapping.mapAttributes(attributes)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "inputs", "{\"q\":1}",
            "output", "{\"a\":2}",
            "inputs_count", 1L));
  }

  @Test
  void leavesInputAndOutputKeysOfSpansWithoutWeftInputsAlone() {
    Attributes openInference = Attributes.builder()
        .put("input.value", "q=1")
        .put("output.value", "a=2")
        .put("openinference.span.kind", "LLM")
        .build();

    assertThat(WeaveSpanMapping.mapAttributes(openInference)).isEqualTo(openInference);
  }

  @Test
  void renamesALeafThatIsAlsoAPrefixSoWeaveAcceptsTheSpan() {
    Attributes attributes = Attributes.builder()
        .put("a.b", "leaf")
        .put("a.b.c", "child")
        .put("a.b_value", "taken")
        .put("x", 1L)
        .put("x.y", 2L)
        .put("x.y.z", 3L)
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(attributes)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "a.b_value_", "leaf",
            "a.b.c", "child",
            "a.b_value", "taken",
            "x_value", 1L,
            "x.y_value", 2L,
            "x.y.z", 3L));
  }

  @Test
  void movesChildrenOfAKeyWeaveReadsInsteadOfRenamingIt() {
    Attributes attributes = Attributes.builder()
        .put(WeftAttributes.OUTPUT, "{\"a\":2}")
        .put("output.mime_type", "application/json")
        .put(WeftAttributes.KIND, "tool")
        .put("weave.span.kind.detail", "lookup")
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(attributes)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "output", "{\"a\":2}",
            "output_attrs.mime_type", "application/json",
            "weave.span.kind", "tool",
            "weave.span.kind_attrs.detail", "lookup"));
  }

  @Test
  void passesSpansOfAPlainOpenTelemetryAppThroughWithOnlyUsageMapped() {
    Attributes plain = Attributes.builder()
        .put("http.request.method", "POST")
        .put("server.address", "api.openai.com")
        .put(longKey("server.port"), 443L)
        .put(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 3L)
        .put(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 4L)
        .build();

    assertThat(byName(WeaveSpanMapping.mapAttributes(plain))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "http.request.method", "POST",
        "server.address", "api.openai.com",
        "server.port", 443L,
        "gen_ai.usage.prompt_tokens", 3L,
        "gen_ai.usage.completion_tokens", 4L,
        "llm.usage.total_tokens", 7L));
  }

  @Test
  void addsEntityAndProjectToTheResourceAndReusesTheMappedResource() {
    SpanData first = mapping.map(Spans.span(Attributes.empty()).build());
    SpanData second = mapping.map(Spans.span(Attributes.empty()).build());

    assertThat(byName(first.getResource().getAttributes())).containsExactlyInAnyOrderEntriesOf(
        Map.of("service.name", "shop", "wandb.entity", "acme", "wandb.project", "shop"));
    assertThat(second.getResource()).isSameAs(first.getResource());
  }

  @Test
  void replacesEntityAndProjectAndResolvesConflictsInTheResource() {
    Resource resource = Resource.create(Attributes.builder()
        .put("wandb.entity", "other")
        .put("host", "h1")
        .put("host.name", "h1.local")
        .build());

    Resource mapped = mapping.mapResource(resource);

    assertThat(byName(mapped.getAttributes())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "wandb.entity", "acme", "wandb.project", "shop", "host_value", "h1", "host.name", "h1.local"));
  }

  @Test
  void keepsEverythingElseOfTheSpanAndTheNumberTheSdkDropped() {
    EventData exception = EventData.create(1_500, "exception", Attributes.of(
        stringKey("exception.type"), "java.lang.IllegalStateException"));
    SpanData span = Spans.span(Attributes.of(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS, 1L,
            WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 2L))
        .setTotalAttributeCount(5)
        .setEvents(List.of(exception))
        .setTotalRecordedEvents(3)
        .build();

    SpanData mapped = mapping.map(span);

    assertThat(mapped.getName()).isEqualTo("op");
    assertThat(mapped.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(mapped.getStatus()).isEqualTo(span.getStatus());
    assertThat(mapped.getEvents()).containsExactly(exception);
    assertThat(mapped.getAttributes().size()).isEqualTo(3);
    assertThat(mapped.getTotalAttributeCount()).isEqualTo(6);
    assertThat(mapped.getTotalRecordedEvents()).isEqualTo(3);
  }

  @Test
  void dropsEventsWeaveWouldReadAsInputsAndFixesConflictsInEventAttributes() {
    EventData userMessage = EventData.create(1, "gen_ai.user.message",
        Attributes.of(stringKey("content"), "hi"));
    EventData conflicting = EventData.create(2, "note", Attributes.of(
        stringKey("a"), "leaf", stringKey("a.b"), "child"));
    SpanData span = Spans.span(Attributes.of(WeftAttributes.INPUTS, "{}"))
        .setEvents(List.of(userMessage, conflicting))
        .setTotalRecordedEvents(2)
        .build();

    SpanData mapped = mapping.map(span);

    assertThat(mapped.getEvents()).hasSize(1);
    assertThat(mapped.getEvents().get(0).getName()).isEqualTo("note");
    assertThat(byName(mapped.getEvents().get(0).getAttributes()))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a_value", "leaf", "a.b", "child"));
    assertThat(mapped.getTotalRecordedEvents()).isEqualTo(1);
  }

  @Test
  void keepsTheTypeOfRenamedKeys() {
    AttributeKey<Boolean> turn = booleanKey("wandb.is_turn");
    Attributes mapped = WeaveSpanMapping.mapAttributes(Attributes.of(WeftAttributes.IS_TURN, false));

    assertThat(mapped.get(turn)).isFalse();
  }
}
