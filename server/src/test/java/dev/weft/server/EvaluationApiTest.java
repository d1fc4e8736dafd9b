package dev.weft.server;

import static dev.weft.server.Otlp.attr;
import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluations, comparisons and leaderboards read from stored calls shaped as weft-api's evaluation
 * call tree: {@code Evaluation.evaluate} → {@code Evaluation.predict_and_score} per row → the model
 * (with token usage) and the scorer → {@code Evaluation.summarize}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationApiTest {

  static final String P = "/api/projects/acme/evals";
  static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3-0324";
  static final String[][] QA = {{"What is 2 + 2?", "4"}, {"Name a primary color.", "red"},
      {"What is the capital of France?", "Paris"}};
  static final String OLD_LLAMA = "0000000000000a00";
  static final String NEW_LLAMA = "0000000000000b00";
  static final String DEEP = "0000000000000c00";

  @TempDir static Path dir;
  TestServer server;

  /** The store to run against: the embedded one here; subclasses choose another. */
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config;
  }

  @BeforeAll
  void start() {
    server = TestServer.start(dir, this::database);
    List<Span.Builder> spans = new ArrayList<>();
    // An older Llama run getting one row right, then a newer one getting two: rows nested under evaluate.
    run(spans, "0a", OLD_LLAMA, 0, LLAMA, new String[] {"4", "blue", "Rome"}, false);
    run(spans, "0b", NEW_LLAMA, 10_000, LLAMA, new String[] {"4", "blue", "Paris"}, false);
    // DeepSeek's rows ran on pool threads: roots of their own traces naming the evaluate call.
    run(spans, "0c", DEEP, 20_000, DEEPSEEK, new String[] {"4", "red", null}, true);
    spans.add(span("Leaderboard.publish", trace("0d", 0), "0000000000000d00", null, 30_000, 30_001,
        attr("inputs", "{\"name\":\"Inference Leaderboard\",\"description\":\"QA\",\"columns\":["
            + "{\"evaluation\":\"QA\",\"scorer_name\":\"exact_match\",\"summary_metric_path\":\"mean\",\"should_minimize\":false},"
            + "{\"evaluation\":\"QA\",\"scorer_name\":\"model_latency\",\"summary_metric_path\":\"mean\",\"should_minimize\":true}]}")));
    server.export(Otlp.request(Otlp.project("acme", "evals"), spans.toArray(new Span.Builder[0])));
  }

  /** One evaluation run starting at {@code start} ms; a null answer is a row whose model failed. */
  static void run(List<Span.Builder> spans, String tag, String evaluateId, long start, String model,
      String[] answers, boolean pooled) {
    String trace = trace(tag, 0);
    int right = 0;
    int answered = 0;
    for (int i = 0; i < QA.length; i++) {
      String rowTrace = pooled ? trace(tag, i + 1) : trace;
      String rowId = evaluateId.substring(0, 14) + (i + 1) + "0";
      String modelId = evaluateId.substring(0, 14) + (i + 1) + "1";
      String scorerId = evaluateId.substring(0, 14) + (i + 1) + "2";
      long t = start + 100 * i + 10;
      String example = "{\"input\":\"" + QA[i][0] + "\",\"target\":\"" + QA[i][1] + "\"}";
      String inputs = "{\"self\":\"QA\",\"model\":\"" + model + "\",\"example\":" + example + "}";
      List<io.opentelemetry.proto.common.v1.KeyValue> attributes = new ArrayList<>(List.of(attr("inputs", inputs)));
      if (pooled) {
        attributes.add(attr("wandb.attributes", "{\"weft_evaluation_call_id\":\"" + evaluateId + "\"}"));
      }
      if (answers[i] == null) {
        spans.add(Otlp.failed(span("Evaluation.predict_and_score", rowTrace, rowId, pooled ? null : evaluateId, t, t + 50,
            attributes.toArray(new io.opentelemetry.proto.common.v1.KeyValue[0])),
            "java.lang.IllegalStateException", "HTTP 500: upstream failed", "stack"));
        continue;
      }
      double score = answers[i].equals(QA[i][1]) ? 1.0 : 0.0;
      right += (int) score;
      answered++;
      attributes.add(attr("output", "{\"output\":\"" + answers[i] + "\",\"scores\":{\"exact_match\":" + score
          + "},\"model_latency\":0.04}"));
      spans.add(span("Evaluation.predict_and_score", rowTrace, rowId, pooled ? null : evaluateId, t, t + 50,
          attributes.toArray(new io.opentelemetry.proto.common.v1.KeyValue[0])));
      spans.add(span(model, rowTrace, modelId, rowId, t + 1, t + 41, attr("inputs", "{\"prompt\":\"" + QA[i][0] + "\"}"),
          attr("output", "\"" + answers[i] + "\""), attr("gen_ai.request.model", model),
          attr("gen_ai.usage.prompt_tokens", 10L), attr("gen_ai.usage.completion_tokens", 2L)));
      spans.add(span("exact_match", rowTrace, scorerId, rowId, t + 42, t + 43, attr("output", String.valueOf(score))));
    }
    String summary = "{\"exact_match\":{\"mean\":" + ((double) right / answered) + "},\"model_latency\":{\"mean\":"
        + (model.equals(LLAMA) ? 0.04 : 0.5) + "}}";
    spans.add(span("Evaluation.summarize", trace, evaluateId.substring(0, 14) + "90", evaluateId, start + 400, start + 401,
        attr("inputs", "{\"self\":\"QA\"}"), attr("output", summary)));
    spans.add(span("Evaluation.evaluate", trace, evaluateId, null, start, start + 500,
        attr("inputs", "{\"self\":\"QA\",\"model\":\"" + model + "\"}"), attr("output", summary)));
  }

  static String trace(String tag, int n) {
    return String.format("%030x%s", n, tag);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void evaluationsListEveryRunNewestFirstWithModelAndSummary() {
    JsonNode runs = server.get(P + "/evaluations").get("evaluations");

    assertThat(runs).extracting(r -> r.get("id").asText()).containsExactly(DEEP, NEW_LLAMA, OLD_LLAMA);
    JsonNode newest = runs.get(1);
    assertThat(newest.get("evaluation").asText()).isEqualTo("QA");
    assertThat(newest.get("model").asText()).isEqualTo(LLAMA);
    assertThat(newest.get("summary").toString())
        .isEqualTo("{\"exact_match\":{\"mean\":0.6666666666666666},\"model_latency\":{\"mean\":0.04}}");
    assertThat(newest.get("total_tokens").asLong()).isEqualTo(36);
    assertThat(newest.get("link").asText()).isEqualTo("/acme/evals/evaluations/" + NEW_LLAMA);
    assertThat(server.get(P + "/evaluations?evaluation=Other").get("evaluations")).isEmpty();
    assertThat(server.get(P + "/evaluations?limit=1").get("evaluations")).hasSize(1);
  }

  @Test
  void anEvaluationHasItsRowsWithOutputScoresLatencyAndTokens() {
    JsonNode run = server.get(P + "/evaluations/" + NEW_LLAMA);

    assertThat(run.get("row_count").asInt()).isEqualTo(3);
    assertThat(run.get("error_count").asInt()).isZero();
    JsonNode row = run.get("rows").get(1);
    assertThat(row.get("example").toString()).isEqualTo("{\"input\":\"Name a primary color.\",\"target\":\"red\"}");
    assertThat(row.get("output").asText()).isEqualTo("blue");
    assertThat(row.get("scores").toString()).isEqualTo("{\"exact_match\":0.0}");
    assertThat(row.get("model_latency").asDouble()).isEqualTo(0.04);
    assertThat(row.get("total_tokens").asLong()).isEqualTo(12);
    assertThat(row.get("link").asText()).isEqualTo("/acme/evals/r/call/0000000000000b20");
  }

  @Test
  void rowsRunOnPoolThreadsAreFoundByTheEvaluateCallTheyNameAndAFailedRowKeepsItsError() {
    JsonNode run = server.get(P + "/evaluations/" + DEEP);

    assertThat(run.get("rows")).extracting(r -> r.get("status").asText()).containsExactly("success", "success", "error");
    assertThat(run.get("error_count").asInt()).isEqualTo(1);
    assertThat(run.get("rows").get(2).get("error").asText()).isEqualTo("HTTP 500: upstream failed");
    assertThat(run.get("rows").get(2).get("output").isNull()).isTrue();
    assertThat(run.get("total_tokens").asLong()).isZero(); // its rows are in other traces: no roll-up
    assertThat(run.get("rows").get(0).get("total_tokens").asLong()).isEqualTo(12);
  }

  @Test
  void compareShowsEveryMetricPerRunAndRowsMatchedByTheirExample() {
    JsonNode compare = server.get(P + "/evaluations/compare?ids=" + NEW_LLAMA + "," + DEEP);

    assertThat(compare.get("evaluations")).extracting(r -> r.get("model").asText()).containsExactly(LLAMA, DEEPSEEK);
    assertThat(compare.get("metrics").toString()).isEqualTo("[{\"path\":\"exact_match.mean\",\"minimize\":false,"
        + "\"values\":[0.6666666666666666,1.0]},{\"path\":\"model_latency.mean\",\"minimize\":true,\"values\":[0.04,0.5]}]");
    JsonNode rows = compare.get("rows");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).get("example").get("target").asText()).isEqualTo("red");
    assertThat(rows.get(1).get("results").get(0).get(0).get("output").asText()).isEqualTo("blue");
    assertThat(rows.get(1).get("results").get(1).get(0).get("output").asText()).isEqualTo("red");
    assertThat(rows.get(2).get("results").get(1).get(0).get("status").asText()).isEqualTo("error");
  }

  @Test
  void aPublishedLeaderboardRanksEachModelsLatestRun() {
    JsonNode board = server.get(P + "/leaderboard?name=" + encode("Inference Leaderboard"));

    assertThat(board.get("source").asText()).isEqualTo("published");
    assertThat(board.get("description").asText()).isEqualTo("QA");
    assertThat(board.get("rows")).extracting(r -> r.get("model").asText()).containsExactly(DEEPSEEK, LLAMA);
    assertThat(board.get("rows").get(1).get("values").get(0).get("value").asDouble()).isEqualTo(2.0 / 3);
    assertThat(board.get("rows").get(1).get("values").get(0).get("evaluation_id").asText()).isEqualTo(NEW_LLAMA);
    assertThat(board.get("rows").get(0).get("values").get(1).get("value").asDouble()).isEqualTo(0.5);
    assertThat(server.get(P + "/leaderboards").get("leaderboards")).extracting(b -> b.get("name").asText())
        .containsExactly("Inference Leaderboard");
  }

  @Test
  void columnsGivenAsAQueryParameterRankTooAndMinimizedColumnsRankSmallestFirst() {
    String columns = "[{\"evaluation\":\"QA\",\"scorer\":\"model_latency\",\"metric\":\"mean\"}]";
    JsonNode board = server.get(P + "/leaderboard?columns=" + encode(columns));

    assertThat(board.get("columns").toString()).isEqualTo("[{\"evaluation\":\"QA\",\"scorer_name\":\"model_latency\","
        + "\"summary_metric_path\":\"mean\",\"should_minimize\":true}]");
    assertThat(board.get("rows")).extracting(r -> r.get("model").asText()).containsExactly(LLAMA, DEEPSEEK);
  }

  @Test
  void withoutColumnsTheLeaderboardHasEveryMetricOfEveryEvaluation() {
    JsonNode board = server.get(P + "/leaderboard");

    assertThat(board.get("source").asText()).isEqualTo("all");
    assertThat(board.get("columns")).extracting(c -> c.get("scorer_name").asText() + "." + c.get("summary_metric_path").asText())
        .containsExactly("exact_match.mean", "model_latency.mean");
  }

  @Test
  void badEvaluationRequestsAreAnsweredWithTheReason() {
    assertError(P + "/evaluations/ffffffffffffffff", 404, "no evaluation ffffffffffffffff in acme/evals");
    assertError(P + "/evaluations/0000000000000b10", 404, "no evaluation 0000000000000b10 in acme/evals");
    assertError(P + "/evaluations/compare?ids=" + DEEP, 400,
        "ids must name 2 to 8 different evaluation calls, comma-separated, got '" + DEEP + "'");
    assertError(P + "/evaluations/compare?ids=" + DEEP + "," + DEEP, 400,
        "ids must name 2 to 8 different evaluation calls, comma-separated, got '" + DEEP + "," + DEEP + "'");
    assertError(P + "/leaderboard?name=Nope", 404, "no leaderboard named 'Nope' in acme/evals");
    assertError(P + "/leaderboard?columns=" + encode("[{\"evaluation\":\"QA\"}]"), 400,
        "each column needs evaluation, scorer_name and summary_metric_path, got {\"evaluation\":\"QA\"}");
    assertError(P + "/leaderboard?columns=" + encode("[{"), 400, "columns must be a JSON array of {evaluation,"
        + " scorer_name, summary_metric_path, should_minimize}: Unexpected end-of-input");
    assertError(P + "/leaderboard?name=x&columns=[]", 400, "give either name or columns, not both");
    assertError(P + "/evaluations?limit=0", 400, "limit must be a whole number 1..1000, got '0'");
  }

  void assertError(String path, int status, String reason) {
    HttpResponse<byte[]> response = server.send(server.request(path).GET());
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(TestServer.json(response).get("error").asText()).startsWith(reason);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
