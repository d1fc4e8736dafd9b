package dev.weft.agent.llm;

import static dev.weft.agent.llm.Fixtures.bytes;
import static dev.weft.agent.llm.Fixtures.compact;
import static dev.weft.agent.llm.Fixtures.text;
import static dev.weft.agent.llm.Fixtures.utf8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmCallParserRequestTest {
  private static final URI WANDB = URI.create("https://api.inference.wandb.ai/v1/chat/completions");
  private static final URI OPENAI = URI.create("https://api.openai.com/v1/chat/completions");
  private static final int MAX = 1_048_576;

  private final LlmCallParser parser = new LlmCallParser(Fixtures.IS_SECRET);

  @Test
  void aChatRequestGivesTheGenAiRequestAttributesAndTheBodyAsInputs() {
    Map<String, List<String>> headers = Map.of(
        "authorization", List.of("Bearer wandb-secret-key"),
        "openai-project", List.of("team/project"),
        "Content-Type", List.of("application/json"));

    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        WANDB, headers, bytes("chat_request.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "chat"),
        entry("gen_ai.provider.name", "wandb"),
        entry("gen_ai.request.model", "meta-llama/Llama-3.1-8B-Instruct"),
        entry("gen_ai.request.temperature", 0.7),
        entry("gen_ai.request.top_p", 1.0),
        entry("gen_ai.request.max_tokens", 256L),
        entry("server.address", "api.inference.wandb.ai"),
        entry("server.port", 443L),
        entry("openai.project", "team/project"),
        entry("weft.inputs", compact(text("chat_request.json"))));
    assertThat(attributes.values().toString()).doesNotContain("wandb-secret-key");
  }

  @Test
  void toolsStayInTheInputsAndMaxCompletionTokensIsTheMaxTokens() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        OPENAI, Map.of(), bytes("chat_tools_request.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "chat"),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.request.model", "gpt-4o-mini"),
        entry("gen_ai.request.max_tokens", 512L),
        entry("server.address", "api.openai.com"),
        entry("server.port", 443L),
        entry("weft.inputs", compact(text("chat_tools_request.json"))));
  }

  @Test
  void aResponsesRequestIsAChatWithMaxOutputTokens() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.RESPONSES,
        URI.create("https://api.openai.com/v1/responses"), null, bytes("responses_request.json"),
        MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "chat"),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.request.model", "gpt-4.1"),
        entry("gen_ai.request.temperature", 0.2),
        entry("gen_ai.request.max_tokens", 300L),
        entry("server.address", "api.openai.com"),
        entry("server.port", 443L),
        entry("weft.inputs", compact(text("responses_request.json"))));
  }

  @Test
  void anEmbeddingsRequestOnALocalServerNamesItsPortAndIsOpenAiCompatible() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.EMBEDDINGS,
        URI.create("http://127.0.0.1:8089/v1/embeddings"), Map.of(),
        bytes("embeddings_request.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "embeddings"),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.request.model", "text-embedding-3-small"),
        entry("server.address", "127.0.0.1"),
        entry("server.port", 8089L),
        entry("weft.inputs", compact(text("embeddings_request.json"))));
  }

  @Test
  void aStreamedCompletionOverPlainHttpHasStreamAndPort80() {
    byte[] body = utf8("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\","
        + "\"max_tokens\":7,\"temperature\":0,\"stream\":true}");

    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.COMPLETIONS,
        URI.create("http://gateway.local/v1/completions"), Map.of(), body, MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "text_completion"),
        entry("gen_ai.provider.name", "openai"),
        entry("gen_ai.request.model", "gpt-3.5-turbo-instruct"),
        entry("gen_ai.request.temperature", 0.0),
        entry("gen_ai.request.max_tokens", 7L),
        entry("gen_ai.request.stream", true),
        entry("server.address", "gateway.local"),
        entry("server.port", 80L),
        entry("weft.inputs", utf8(body)));
  }

  @Test
  void secretKeysInsideTheBodyAreRedactedWhereverTheyAre() {
    byte[] body = utf8("{\"model\":\"m\",\"api_key\":\"sk-live-123\",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"hi\"}],\"extra_body\":{\"Authorization\":{\"bearer\":\"x\"},"
        + "\"max_tokens\":5}}");

    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        OPENAI, Map.of(), body, MAX);

    assertThat(attributes.get("weft.inputs")).isEqualTo("{\"model\":\"m\",\"api_key\":\"REDACTED\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"extra_body\":{\"Authorization\":\"REDACTED\",\"max_tokens\":5}}");
  }

  @Test
  void aFiveMegabyteMessageIsTruncatedToAValidJsonWithinTheBudget() {
    String huge = "x".repeat(5_000_000);
    byte[] body = utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge
        + "\"}],\"temperature\":0.5}");

    String inputs = (String) parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS, OPENAI,
        Map.of(), body, MAX).get("weft.inputs");

    assertThat(inputs).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + "x".repeat(16_384) + "\u2026[truncated 4983616 chars]\"}],\"temperature\":0.5}");
    assertThat(utf8(inputs)).hasSizeLessThanOrEqualTo(MAX);
    Fixtures.assertValidJson(inputs);
  }

  @Test
  void manyMessagesAreCutToFewerItemsWhenLongStringsAreNotEnough() {
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      messages.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"")
          .append("y".repeat(2_000)).append("\"}");
    }
    byte[] body = utf8("{\"model\":\"m\",\"messages\":[" + messages + "]}");

    String inputs = (String) parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS, OPENAI,
        Map.of(), body, 200_000).get("weft.inputs");

    String kept = "{\"role\":\"user\",\"content\":\"" + "y".repeat(1_024)
        + "\u2026[truncated 976 chars]\"}";
    assertThat(inputs).isEqualTo("{\"model\":\"m\",\"messages\":["
        + String.join(",", java.util.Collections.nCopies(100, kept))
        + ",\"\u2026[200 more items]\"]}");
    Fixtures.assertValidJson(inputs);
  }

  @Test
  void aBudgetTooSmallForAnythingGivesTheTruncationMarker() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        OPENAI, Map.of(), bytes("chat_tools_request.json"), 60);

    assertThat(attributes.get("weft.inputs"))
        .isEqualTo("{\"_weft_truncated\":\"inputs over 60 bytes\"}");
  }

  @Test
  void aBodyThatIsNotJsonIsKeptAsTextAndGivesNoRequestFields() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        OPENAI, Map.of(), utf8("model=gpt-4o&stream=true"), MAX);

    assertThat(attributes).containsExactly(
        entry("weft.kind", "llm"),
        entry("gen_ai.operation.name", "chat"),
        entry("gen_ai.provider.name", "openai"),
        entry("server.address", "api.openai.com"),
        entry("server.port", 443L),
        entry("weft.inputs", "{\"body\":\"model=gpt-4o&stream=true\"}"));
  }

  @Test
  void aMissingBodyGivesEmptyInputsAndAJsonArrayIsWrapped() {
    assertThat(parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS, OPENAI, Map.of(), null, MAX)
        .get("weft.inputs")).isEqualTo("{}");
    assertThat(parser.requestAttributes(LlmOperation.EMBEDDINGS, OPENAI, Map.of(),
        utf8("[1, 2]"), MAX).get("weft.inputs")).isEqualTo("{\"body\":[1,2]}");
  }

  @Test
  void aBodyCutShortIsKeptAsText() {
    Map<String, Object> attributes = parser.requestAttributes(LlmOperation.CHAT_COMPLETIONS,
        OPENAI, Map.of(), utf8("{\"model\":\"m\",\"messages\":[{\"role\""), MAX);

    assertThat(attributes.get("weft.inputs"))
        .isEqualTo("{\"body\":\"{\\\"model\\\":\\\"m\\\",\\\"messages\\\":[{\\\"role\\\"\"}");
    assertThat(attributes).doesNotContainKey("gen_ai.request.model");
  }
}
