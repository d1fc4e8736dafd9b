package dev.weft.agent.it;

import static dev.weft.agent.it.OpTracingIT.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.EvalApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.OpenAiStandIn;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dev.weft.eval.Evaluation} in a real JVM with {@code -javaagent}: Weave's evaluation call tree. */
class EvaluationIT {
  private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  private static final List<String> INPUTS =
      List.of("What is 2 + 2?", "Name a primary color.", "What is the capital of France?");
  private static final List<String> TARGETS = List.of("4", "red", "Paris");

  private FakeWeave weave;
  private OpenAiStandIn llm;

  @BeforeEach
  void start() {
    weave = FakeWeave.start();
    llm = OpenAiStandIn.start();
  }

  @AfterEach
  void stop() {
    llm.close();
    weave.close();
  }

  @Test
  void anEvaluationOfAFunctionIsTracedAsWeavesCallTreeAndPrintsItsSummary() throws Exception {
    AppRun.Result run = app().run(EvalApp.class.getName(), "function");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertTree("answer", false, false, List.of("4", "blue", "Paris"), List.of("1.0", "0.0", "1.0"), "0.6666666666666666");
    assertThat(run.stdout()).startsWith("exact_match={mean=0.6666666666666666}\nerrors=0\n"
        + "Evaluation QA · model answer\n"
        + "metric              value\n"
        + "exact_match.mean    0.6667\n"
        + "model_latency.mean  ");
    assertThat(run.stdout()).endsWith("\nrows 3 · errors 0\n");
    assertThat(run.stderr()).contains("weft: evaluating QA · answer  3/3 rows · 0 errors · ETA 0s");
  }

  @Test
  void anEvaluationOfAModelBehindAnOpenAiCompatibleServerIsTracedTheSameWay() throws Exception {
    AppRun.Result run = app().run(EvalApp.class.getName(), "standin", llm.baseUrl(), "1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertTree(LLAMA, true, true, TARGETS, List.of("1.0", "1.0", "1.0"), "1.0");
    assertThat(llm.requests()).hasSize(3);
    assertThat(run.stdout()).startsWith("exact_match={mean=1.0}\nerrors=0\nEvaluation QA · model " + LLAMA + "\n");
  }

  @Test
  void theFirstModelCallsOfAJvmMadeAtOnceAreEachTraced() throws Exception {
    // Three rows start together, so the first three HTTP model calls of the JVM race to find the
    // agent's bridge; none may go untraced.
    AppRun.Result run = app().run(EvalApp.class.getName(), "standin", llm.baseUrl(), "3");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<ReceivedSpan> spans = weave.awaitSpans(14, Duration.ofSeconds(30));
    assertThat(spans).hasSize(14);
    assertThat(named(spans, LLAMA)).hasSize(3).allSatisfy(predict ->
        assertThat(children(spans, predict, "openai.chat.completions.create")).hasSize(1));
  }

  @Test
  void parallelRowsRetryTheServersConcurrencyLimitUntilEveryRowIsAnswered() throws Exception {
    llm.limitConcurrency(1).holdReplies();
    CompletableFuture<AppRun.Result> running = CompletableFuture.supplyAsync(() -> {
      try {
        return app().run(EvalApp.class.getName(), "standin", llm.baseUrl(), "3");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // One row is held in flight, so the other two were turned away with 429 at least once.
    llm.awaitRequests(3, Duration.ofSeconds(60));
    llm.releaseReplies();
    AppRun.Result run = running.get(150, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).startsWith("exact_match={mean=1.0}\nerrors=0\n");
    int attempts = llm.requests().size();
    // Per attempt: the model's span and, under it, the llm call the agent traced at the HTTP layer.
    List<ReceivedSpan> spans = weave.awaitSpans(8 + 2 * attempts, Duration.ofSeconds(30));
    assertThat(spans).hasSize(8 + 2 * attempts);
    List<ReceivedSpan> models = named(spans, LLAMA);
    assertThat(models).hasSize(attempts).allSatisfy(m ->
        assertThat(children(spans, m, "openai.chat.completions.create")).hasSize(1));
    assertThat(named(spans, "openai.chat.completions.create").stream().filter(s -> "ERROR".equals(s.statusCode())))
        .hasSize(attempts - 3)
        .allSatisfy(s -> assertThat(s.statusMessage()).isEqualTo("429 " + OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE));
    assertThat(models.stream().filter(s -> "ERROR".equals(s.statusCode())).collect(Collectors.toList()))
        .hasSize(attempts - 3)
        .allSatisfy(s -> assertThat(s.statusMessage()).startsWith("HTTP 429: ")
            .contains(OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE));
    // Rows run on the evaluation's pool and nest under Evaluation.evaluate all the same.
    ReceivedSpan evaluate = named(spans, "Evaluation.evaluate").get(0);
    assertThat(evaluate.isRoot()).isTrue();
    assertThat(spans).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(evaluate.traceId()));
    assertThat(names(spans.stream().filter(s -> s.parentSpanId().equals(evaluate.spanId())).collect(Collectors.toList())))
        .containsExactly("Evaluation.predict_and_score", "Evaluation.predict_and_score",
            "Evaluation.predict_and_score", "Evaluation.summarize");
    List<ReceivedSpan> rows = children(spans, evaluate, "Evaluation.predict_and_score");
    assertThat(rows).hasSize(3).allSatisfy(row -> {
      // ...and name their evaluate call, which the trace server uses for rows of older agents.
      assertThat(tree(row.attr("wandb.attributes")).get("weft_evaluation_call_id").asText()).isEqualTo(evaluate.spanId());
      assertThat(children(spans, row, "exact_match")).hasSize(1);
      assertThat(children(spans, row, LLAMA)).last().satisfies(m -> assertThat(m.statusCode()).isNotEqualTo("ERROR"));
    });
    assertThat(rows.stream().mapToInt(row -> children(spans, row, LLAMA).size()).sum()).isEqualTo(attempts);
  }

  private AppRun app() {
    return AppRun.on(Jdks.all().get(0)).agent("project=team/proj,trace.url=" + weave.baseUrl() + ",api.key=test-key");
  }

  /** {@code overHttp}: the model calls an OpenAI-compatible server, so each predict has one llm call under it. */
  private void assertTree(String model, boolean prompted, boolean overHttp, List<String> outputs, List<String> scores,
      String mean) {
    int expected = overHttp ? 14 : 11;
    List<ReceivedSpan> spans = weave.awaitSpans(expected, Duration.ofSeconds(30));
    assertThat(spans).hasSize(expected);
    List<ReceivedSpan> roots = named(spans, "Evaluation.evaluate");
    assertThat(roots).hasSize(1);
    ReceivedSpan evaluate = roots.get(0);
    assertThat(evaluate.isRoot()).isTrue();
    assertThat(tree(evaluate.attr("inputs"))).isEqualTo(tree("{\"self\":\"QA\",\"model\":\"" + model + "\"}"));
    assertThat(spans).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(evaluate.traceId()));
    assertThat(names(spans.stream().filter(s -> s.parentSpanId().equals(evaluate.spanId())).collect(Collectors.toList())))
        .containsExactly("Evaluation.predict_and_score", "Evaluation.predict_and_score",
            "Evaluation.predict_and_score", "Evaluation.summarize");

    List<ReceivedSpan> rows = children(spans, evaluate, "Evaluation.predict_and_score");
    for (int i = 0; i < 3; i++) {
      String example = "{\"input\":\"" + INPUTS.get(i) + "\",\"target\":\"" + TARGETS.get(i) + "\"}";
      ReceivedSpan row = rows.get(i);
      assertThat(tree(row.attr("inputs"))).isEqualTo(
          tree("{\"self\":\"QA\",\"model\":\"" + model + "\",\"example\":" + example + "}"));
      assertThat(tree(row.attr("output")).get("output").asText()).isEqualTo(outputs.get(i));
      assertThat(tree(row.attr("output")).get("scores")).isEqualTo(tree("{\"exact_match\":" + scores.get(i) + "}"));
      assertThat(tree(row.attr("output")).get("model_latency").isNumber()).isTrue();
      assertThat(names(spans.stream().filter(s -> s.parentSpanId().equals(row.spanId())).collect(Collectors.toList())))
          .containsExactly(model, "exact_match");
      ReceivedSpan predict = children(spans, row, model).get(0);
      assertThat(tree(predict.attr("inputs")))
          .isEqualTo(tree(prompted ? "{\"prompt\":\"" + INPUTS.get(i) + "\"}" : example));
      assertThat(predict.attr("output")).isEqualTo(outputs.get(i));
      List<ReceivedSpan> llmCalls = children(spans, predict, "openai.chat.completions.create");
      assertThat(llmCalls).hasSize(overHttp ? 1 : 0);
      if (overHttp) {
        assertThat(llmCalls.get(0).attr("weave.span.kind")).isEqualTo("llm");
        assertThat(llmCalls.get(0).attr("gen_ai.request.model")).isEqualTo(model);
      }
      ReceivedSpan scorer = children(spans, row, "exact_match").get(0);
      assertThat(tree(scorer.attr("inputs"))).isEqualTo(tree("{\"input\":\"" + INPUTS.get(i) + "\",\"target\":\""
          + TARGETS.get(i) + "\",\"output\":\"" + outputs.get(i) + "\"}"));
      assertThat(tree(scorer.attr("output"))).isEqualTo(tree(scores.get(i)));
    }

    ReceivedSpan summarize = children(spans, evaluate, "Evaluation.summarize").get(0);
    assertThat(tree(summarize.attr("output")).get("exact_match")).isEqualTo(tree("{\"mean\":" + mean + "}"));
    // As in Weave, the evaluate call's output is the summary.
    assertThat(tree(evaluate.attr("output"))).isEqualTo(tree(summarize.attr("output")));
    assertThat(fields(tree(summarize.attr("output")).fieldNames())).containsExactly("exact_match", "model_latency");
  }

  private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name))
        .sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos)).collect(Collectors.toList());
  }

  /** The children of {@code parent} named {@code name}, in the order they started. */
  private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent, String name) {
    return named(spans, name).stream().filter(s -> s.parentSpanId().equals(parent.spanId())).collect(Collectors.toList());
  }

  private static List<String> names(List<ReceivedSpan> spans) {
    return spans.stream().sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
        .map(ReceivedSpan::name).collect(Collectors.toList());
  }

  private static List<String> fields(Iterator<String> fields) {
    List<String> out = new ArrayList<>();
    fields.forEachRemaining(out::add);
    return out;
  }
}
