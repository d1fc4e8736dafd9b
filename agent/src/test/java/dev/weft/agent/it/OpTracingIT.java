package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.agent.it.app.PipelineApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedRequest;
import dev.weft.testing.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code @Op} methods in a real JVM with {@code -javaagent}, exported to a stand-in for Weave. */
class OpTracingIT {
  private static final ObjectMapper json = new ObjectMapper();
  private FakeWeave weave;

  @BeforeEach
  void startWeave() {
    weave = FakeWeave.start();
  }

  @AfterEach
  void stopWeave() {
    weave.close();
  }

  static List<Jdks.Jdk> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void everyShapeOfOpBecomesASpanInTheTreeTheCodeRan(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run = AppRun.on(jdk)
        .agent("project=team/proj,trace.url=" + weave.baseUrl() + ",api.key=test-key")
        .run(PipelineApp.class.getName());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Map<String, ReceivedSpan> byName = index(weave.awaitSpans(13, Duration.ofSeconds(30)));
    assertThat(weave.spans()).hasSize(13);
    assertThat(weave.rejectedSpans()).isEmpty();

    ReceivedSpan pipeline = byName.get("pipeline");
    assertThat(pipeline.isRoot()).isTrue();
    assertThat(pipeline.attr("weave.span.kind")).isEqualTo("agent");
    assertThat(tree(pipeline.attr("inputs"))).isEqualTo(tree("{\"question\":\"Weather\",\"apiKey\":\"REDACTED\"}"));
    assertThat(tree(pipeline.attr("output"))).isEqualTo(tree("{\"score\":" + 2 * "weather-doc1|tool:weather|3".length()
        + ",\"text\":\"weather-doc1|tool:weather|3\"}"));
    assertThat(run.stderr()).contains("weft: trace " + weave.baseUrl() + "/team/proj/r/call/" + pipeline.spanId());

    ReceivedSpan caching = byName.get("CachingRetriever.retrieve");
    ReceivedSpan retriever = byName.get("Retriever.retrieve");
    assertThat(caching.parentSpanId()).isEqualTo(pipeline.spanId());
    assertThat(tree(caching.attr("inputs"))).isEqualTo(tree("{\"query\":\"Weather\",\"limit\":2}"));
    assertThat(retriever.parentSpanId()).isEqualTo(caching.spanId());
    assertThat(retriever.attr("weave.span.kind")).isEqualTo("search");
    assertThat(retriever.attr("wandb.display_name")).isEqualTo("Retrieve documents");
    assertThat(tree(retriever.attr("inputs"))).isEqualTo(tree("{\"query\":\"weather\",\"limit\":2}"));
    assertThat(tree(retriever.attr("output"))).isEqualTo(tree("[\"weather-doc1\",\"weather-doc2\"]"));

    ReceivedSpan describe = byName.get("Tool.describe");
    assertThat(describe.parentSpanId()).isEqualTo(pipeline.spanId());
    assertThat(describe.attr("weave.span.kind")).isEqualTo("tool");
    // Weave shows a JSON string literal with its quotes, so plain strings are sent as they are.
    assertThat(describe.attr("output")).isEqualTo("tool:weather");

    List<ReceivedSpan> countdowns = weave.spans().stream()
        .filter(s -> s.name().equals("PipelineApp.countdown")).collect(Collectors.toList());
    assertThat(countdowns).hasSize(4);
    String parent = pipeline.spanId();
    for (int n = 3; n >= 0; n--) {
      ReceivedSpan level = only(countdowns, "{\"n\":" + n + "}");
      assertThat(level.parentSpanId()).as("countdown(%d)", n).isEqualTo(parent);
      assertThat(tree(level.attr("output"))).isEqualTo(tree(Integer.toString(n)));
      parent = level.spanId();
    }

    ReceivedSpan first = byName.get("PipelineApp.first");
    assertThat(tree(first.attr("inputs"))).isEqualTo(tree("{\"items\":[\"weather-doc1\",\"weather-doc2\"]}"));
    assertThat(first.attr("output")).isEqualTo("weather-doc1");

    ReceivedSpan score = byName.get("PipelineApp.score");
    assertThat(score.parentSpanId()).isEqualTo(pipeline.spanId());
    assertThat(score.attributes()).doesNotContainKeys("inputs", "output");

    ReceivedSpan fail = byName.get("PipelineApp.fail");
    assertThat(fail.isRoot()).isTrue();
    assertThat(fail.statusCode()).isEqualTo("ERROR");
    assertThat(fail.statusMessage()).isEqualTo("failed: on purpose");
    assertThat(fail.attributes()).doesNotContainKey("output");
    assertThat(fail.events()).hasSize(1);
    assertThat(fail.events().get(0).name()).isEqualTo("exception");
    assertThat(fail.events().get(0).attr("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(fail.events().get(0).attr("exception.message")).isEqualTo("failed: on purpose");
    assertThat((String) fail.events().get(0).attr("exception.stacktrace")).contains("PipelineApp.fail(PipelineApp.java");

    ReceivedSpan later = byName.get("PipelineApp.later");
    assertThat(later.attr("output")).isEqualTo("ASYNC");
    assertThat(tree(later.attr("inputs")).get("value").asText()).isEqualTo("async");

    ReceivedSpan facade = byName.get("facade");
    assertThat(tree(facade.attr("inputs"))).isEqualTo(tree("{\"a\":2,\"b\":3}"));
    assertThat(tree(facade.attr("output"))).isEqualTo(tree("5"));
    assertThat(tree(facade.attr("wandb.attributes"))).isEqualTo(tree("{\"env\":\"test\"}"));

    assertThat(weave.spans()).allSatisfy(s -> {
      assertThat(s.resource()).containsEntry("wandb.entity", "team").containsEntry("wandb.project", "proj");
      assertThat(s.attributes().toString()).doesNotContain("sk-very-secret");
    });
    ReceivedRequest request = weave.requests().get(0);
    assertThat(request.path()).isEqualTo("/otel/v1/traces");
    assertThat(request.contentType()).isEqualTo("application/x-protobuf");
    assertThat(request.contentEncoding()).isEqualTo("gzip");
    assertThat(request.header("project_id")).isEqualTo("team/proj");
    assertThat(request.header("Authorization")).isEqualTo(
        "Basic " + Base64.getEncoder().encodeToString("api:test-key".getBytes(StandardCharsets.UTF_8)));
    assertThat(run.stderr()).doesNotContain("test-key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theAppPrintsAndExitsExactlyAsWithoutTheAgent(Jdks.Jdk jdk) throws Exception {
    AppRun.Result plain = AppRun.on(jdk).run(PipelineApp.class.getName());
    AppRun.Result traced = AppRun.on(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl())
        .run(PipelineApp.class.getName());

    assertThat(plain.exitCode()).isZero();
    assertThat(traced.exitCode()).isZero();
    assertThat(traced.stdout()).isEqualTo(plain.stdout()).contains("answer=weather-doc1|tool:weather|3(54)");
  }

  private static Map<String, ReceivedSpan> index(List<ReceivedSpan> spans) {
    return spans.stream().collect(Collectors.toMap(ReceivedSpan::name, s -> s, (a, b) -> a));
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String inputs) {
    List<ReceivedSpan> matching = spans.stream().filter(s -> tree(s.attr("inputs")).equals(tree(inputs)))
        .collect(Collectors.toList());
    assertThat(matching).as("spans with inputs %s", inputs).hasSize(1);
    return matching.get(0);
  }

  static JsonNode tree(Object text) {
    try {
      return json.readTree((String) text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
