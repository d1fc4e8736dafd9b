package dev.weft.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LlmCallMatcherTest {
  private final LlmCallMatcher matcher = LlmCallMatcher.defaults();

  @Test
  void postsToTheFourOpenAiPathsAreModelCalls() {
    assertThat(matcher.match("POST", "/v1/chat/completions"))
        .isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThat(matcher.match("POST", "/v1/completions")).isEqualTo(LlmOperation.COMPLETIONS);
    assertThat(matcher.match("POST", "/v1/embeddings")).isEqualTo(LlmOperation.EMBEDDINGS);
    assertThat(matcher.match("POST", "/v1/responses")).isEqualTo(LlmOperation.RESPONSES);
  }

  @Test
  void anyPrefixAndOneTrailingSlashAreAccepted() {
    assertThat(matcher.match("post", "/openai/deployments/gpt4o/chat/completions/"))
        .isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThat(matcher.match("POST", "/chat/completions")).isEqualTo(LlmOperation.CHAT_COMPLETIONS);
  }

  @Test
  void otherMethodsAndPathsAreNotModelCalls() {
    assertThat(matcher.match("GET", "/v1/chat/completions")).isNull();
    assertThat(matcher.match("GET", "/v1/models")).isNull();
    assertThat(matcher.match("POST", "/v1/models")).isNull();
    assertThat(matcher.match("POST", "/v1/responses/resp_123/cancel")).isNull();
    assertThat(matcher.match("POST", "/v1/mycompletions")).isNull();
    assertThat(matcher.match(null, "/v1/completions")).isNull();
    assertThat(matcher.match("POST", null)).isNull();
  }

  @Test
  void addedSuffixesMatchTooAndLongestSuffixWins() {
    LlmCallMatcher extended = matcher.withPathSuffix("/api/chat", LlmOperation.CHAT_COMPLETIONS)
        .withPathSuffix("/legacy/completions", LlmOperation.COMPLETIONS);

    assertThat(extended.match("POST", "/api/chat")).isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThat(extended.match("POST", "/x/legacy/completions")).isEqualTo(LlmOperation.COMPLETIONS);
    assertThat(extended.match("POST", "/v1/chat/completions"))
        .isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThat(matcher.match("POST", "/api/chat")).isNull();
    assertThat(extended.toString()).isEqualTo("/legacy/completions=completions,"
        + "/chat/completions=chat,/completions=completions,/embeddings=embeddings,"
        + "/responses=responses,/api/chat=chat");
  }

  @Test
  void aSuffixMustBeAPath() {
    assertThatThrownBy(() -> matcher.withPathSuffix("chat", LlmOperation.CHAT_COMPLETIONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pathSuffix must start with '/' and name a path, was 'chat'");
  }

  @Test
  void operationsCarryWeaveOpNamesAndGenAiOperationNames() {
    assertThat(LlmOperation.CHAT_COMPLETIONS.opName()).isEqualTo("openai.chat.completions.create");
    assertThat(LlmOperation.COMPLETIONS.opName()).isEqualTo("openai.completions.create");
    assertThat(LlmOperation.EMBEDDINGS.opName()).isEqualTo("openai.embeddings.create");
    assertThat(LlmOperation.RESPONSES.opName()).isEqualTo("openai.responses.create");
    assertThat(LlmOperation.CHAT_COMPLETIONS.genAiOperationName()).isEqualTo("chat");
    assertThat(LlmOperation.COMPLETIONS.genAiOperationName()).isEqualTo("text_completion");
    assertThat(LlmOperation.EMBEDDINGS.genAiOperationName()).isEqualTo("embeddings");
    assertThat(LlmOperation.RESPONSES.genAiOperationName()).isEqualTo("chat");
  }
}
