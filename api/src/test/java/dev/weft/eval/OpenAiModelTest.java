package dev.weft.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.testing.OpenAiStandIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A model id behind the loopback OpenAI-compatible stand-in, over the JDK HttpClient. */
class OpenAiModelTest {
  private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  private final OpenAiStandIn llm = OpenAiStandIn.start();

  @AfterEach
  void stop() {
    llm.close();
  }

  @Test
  void thePromptIsSentAsTheUserMessageWithKeyAndProjectAndTheContentComesBack() {
    OpenAiModel model = OpenAiModel.builder().baseUrl(llm.baseUrl()).apiKey("sk-test").project("team/proj")
        .model(LLAMA).build();

    assertThat(model.apply(Map.of("prompt", "What is 2 + 2?"))).isEqualTo("4");
    OpenAiStandIn.Request request = llm.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.header("OpenAI-Project")).isEqualTo("team/proj");
    assertThat(request.body()).isEqualTo("{\"model\":\"" + LLAMA
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}");
    assertThat(model.toString()).contains("apiKey=OBFUSCATED").doesNotContain("sk-test");
  }

  @Test
  void aRefusedRequestThrowsItsStatusAndBodySoRateLimitsAreRetryable() {
    llm.failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
    OpenAiModel model = OpenAiModel.builder().baseUrl(llm.baseUrl()).model(LLAMA).build();

    assertThatThrownBy(() -> model.apply(Map.of("prompt", "hi")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("HTTP 429: ")
        .hasMessageContaining(OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE)
        .satisfies(e -> assertThat(Retry.isRetryable(e)).isTrue());
  }

  @Test
  void anEvaluationOverTheConcurrencyLimitRetriesUntilEveryRowIsAnswered() {
    llm.limitConcurrency(1).holdReplies();
    OpenAiModel model = OpenAiModel.builder().baseUrl(llm.baseUrl()).model(LLAMA).build();
    List<Map<String, Object>> qa = List.of(Map.of("input", "What is 2 + 2?", "target", "4"),
        Map.of("input", "Name a primary color.", "target", "red"),
        Map.of("input", "What is the capital of France?", "target", "Paris"));
    Evaluation evaluation = Evaluation.builder().name("QA").dataset(qa).parallelism(3).progress(false)
        .preprocessModelInput(row -> Map.of("prompt", row.get("input")))
        .scorer("exact_match", (row, output) -> row.get("target").equals(output))
        // The first 429 lets the held request finish; every retry then waits until nothing is in flight.
        .sleeper(millis -> {
          llm.releaseReplies();
          llm.awaitIdle(java.time.Duration.ofSeconds(30));
        })
        .build();

    EvaluationResult result = evaluation.evaluate(LLAMA, model);

    assertThat(result.errorCount()).isZero();
    assertThat(result.rows()).extracting(RowResult::output).containsExactly("4", "red", "Paris");
    assertThat(result.summary().get("exact_match")).isEqualTo(Map.of("true_count", 3L, "true_fraction", 1.0));
    // The first request is held until a sleeper releases it, and only a refused row sleeps: so at
    // least one row was refused and retried (two when both others arrived while it was held).
    long refused = llm.requests().size() - 3;
    assertThat(refused).isBetween(1L, 2L * (Retry.MAX_ATTEMPTS - 1));
  }
}
