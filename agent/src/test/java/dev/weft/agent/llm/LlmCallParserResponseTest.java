package dev.weft.agent.llm;

import static dev.weft.agent.llm.Fixtures.bytes;
import static dev.weft.agent.llm.Fixtures.compact;
import static dev.weft.agent.llm.Fixtures.text;
import static dev.weft.agent.llm.Fixtures.utf8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmCallParserResponseTest {
  private static final int MAX = 1_048_576;

  private final LlmCallParser parser = new LlmCallParser(Fixtures.IS_SECRET);

  @Test
  void aChatCompletionGivesIdModelFinishReasonsUsageAndItselfAsOutput() {
    Map<String, Object> attributes = parser.responseAttributes(200, bytes("chat_response.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "chatcmpl-9a8f2c4e1b7d4f0e"),
        entry("gen_ai.response.model", "meta-llama/Llama-3.1-8B-Instruct"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", 25L),
        entry("gen_ai.usage.output_tokens", 50L),
        entry("weft.output", compact(text("chat_response.json"))));
  }

  @Test
  void aToolCallAnswerFinishesWithToolCalls() {
    Map<String, Object> attributes =
        parser.responseAttributes(200, bytes("chat_tools_response.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "chatcmpl-abc123"),
        entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
        entry("gen_ai.response.finish_reasons", List.of("tool_calls")),
        entry("gen_ai.usage.input_tokens", 82L),
        entry("gen_ai.usage.output_tokens", 17L),
        entry("weft.output", compact(text("chat_tools_response.json"))));
  }

  @Test
  void embeddingsHaveInputTokensOnlyAndKeepTheirNumbersExactly() {
    Map<String, Object> attributes =
        parser.responseAttributes(200, bytes("embeddings_response.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.model", "text-embedding-3-small"),
        entry("gen_ai.usage.input_tokens", 14L),
        entry("weft.output", compact(text("embeddings_response.json"))));
    assertThat((String) attributes.get("weft.output")).contains("[-0.012345,0.0041235,0.02,-0.00001]");
  }

  @Test
  void aResponsesApiReplyHasInputAndOutputTokensAndStopForItsCompletedMessage() {
    Map<String, Object> attributes =
        parser.responseAttributes(200, bytes("responses_response.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b"),
        entry("gen_ai.response.model", "gpt-4.1-2025-04-14"),
        entry("gen_ai.response.finish_reasons", List.of("stop")),
        entry("gen_ai.usage.input_tokens", 36L),
        entry("gen_ai.usage.output_tokens", 87L),
        entry("weft.output", compact(text("responses_response.json"))));
  }

  @Test
  void aLegacyCompletionHasItsFinishReason() {
    Map<String, Object> attributes =
        parser.responseAttributes(200, bytes("completions_response.json"), MAX);

    assertThat(attributes).containsExactly(
        entry("http.response.status_code", 200L),
        entry("gen_ai.response.id", "cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7"),
        entry("gen_ai.response.model", "gpt-3.5-turbo-instruct"),
        entry("gen_ai.response.finish_reasons", List.of("length")),
        entry("gen_ai.usage.input_tokens", 5L),
        entry("gen_ai.usage.output_tokens", 7L),
        entry("weft.output", compact(text("completions_response.json"))));
  }

  @Test
  void severalChoicesGiveOneReasonEachInOrder() {
    byte[] body = utf8("{\"id\":\"c\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"},null,"
        + "{\"index\":1,\"message\":{\"content\":\"a\"},\"finish_reason\":\"length\"},"
        + "{\"index\":2,\"finish_reason\":null}]}");

    assertThat(parser.responseAttributes(200, body, MAX).get("gen_ai.response.finish_reasons"))
        .isEqualTo(List.of("stop", "length"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "401|401 Incorrect API key provided: sk-abc***xyz. You can find your API key at "
        + "https://platform.openai.com/account/api-keys.",
    "402|402 Insufficient credits. Add credits to your W&B account to keep using W&B Inference.",
    "403|403 Country, region, or territory not supported",
    "404|404 The model `meta-llama/Llama-9-Instruct` does not exist or you do not have access to it.",
    "429|429 Concurrency limit reached for requests",
    "500|500 The server had an error while processing your request. Sorry about that!",
  })
  void errorBodiesGiveTheStatusAndTheServersMessage(int status, String description) {
    byte[] body = bytes("error_" + status + ".json");

    assertThat(LlmCallParser.errorDescription(status, body)).isEqualTo(description);
    assertThat(parser.responseAttributes(status, body, MAX)).containsExactly(
        entry("http.response.status_code", (long) status),
        entry("weft.output", utf8(body)));
  }

  @Test
  void otherErrorShapesAndBodiesAreDescribedToo() {
    assertThat(LlmCallParser.errorDescription(404, utf8("{\"detail\":\"Not Found\"}")))
        .isEqualTo("404 Not Found");
    assertThat(LlmCallParser.errorDescription(400, utf8("{\"error\":\"bad model\"}")))
        .isEqualTo("400 bad model");
    assertThat(LlmCallParser.errorDescription(400,
        utf8("[{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\"}}]")))
        .isEqualTo("400 Invalid JSON payload");
    assertThat(LlmCallParser.errorDescription(503, utf8("upstream connect error\n or reset")))
        .isEqualTo("503 upstream connect error or reset");
    assertThat(LlmCallParser.errorDescription(502, utf8("<html><body>Bad Gateway</body></html>")))
        .isEqualTo("502");
    assertThat(LlmCallParser.errorDescription(500, null)).isEqualTo("500");
    assertThat(LlmCallParser.errorDescription(500, utf8("{\"error\":{}}"))).isEqualTo("500");
    assertThat(LlmCallParser.errorDescription(200, bytes("error_500.json"))).isNull();
  }

  @Test
  void aNonJsonErrorPageIsKeptAsAJsonString() {
    assertThat(parser.responseAttributes(502, utf8("<html>Bad Gateway</html>"), MAX))
        .containsExactly(
            entry("http.response.status_code", 502L),
            entry("weft.output", "\"<html>Bad Gateway</html>\""));
  }

  @Test
  void anEmptyBodyGivesNoOutput() {
    assertThat(parser.responseAttributes(204, new byte[0], MAX))
        .containsExactly(entry("http.response.status_code", 204L));
    assertThat(parser.responseAttributes(200, null, MAX))
        .containsExactly(entry("http.response.status_code", 200L));
  }

  @Test
  void aLongAnswerIsTruncatedWithinTheOutputBudget() {
    String answer = "z".repeat(100_000);
    byte[] body = utf8("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + answer + "\"},"
        + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}");

    Map<String, Object> attributes = parser.responseAttributes(200, body, 50_000);

    assertThat(attributes.get("weft.output")).isEqualTo("{\"id\":\"c1\",\"object\":"
        + "\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":\"" + "z".repeat(16_384) + "\u2026[truncated 83616 chars]\"},"
        + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}");
    assertThat(attributes.get("gen_ai.response.finish_reasons")).isEqualTo(List.of("length"));
    assertThat(attributes.get("gen_ai.usage.output_tokens")).isEqualTo(2L);
  }
}
