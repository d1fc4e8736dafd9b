package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.OpenAiStandIn;
import dev.weft.testing.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw OkHttp model calls (sync, enqueued, streamed) on OkHttp 3.14, 4.12 and 5.x, each in a class path
 * of its own, traced with no code change: one {@code llm} span per call under the {@code @Op} that made
 * it, and the app sees exactly what it sees without the agent.
 */
class OkHttpTracingIT {
  private static final ObjectMapper json = new ObjectMapper();
  private static final String SECRET = "sk-very-secret-okhttp";
  private static final String CHAT = "openai.chat.completions.create";
  private static final List<String> VERSIONS = List.of("okhttp-3", "okhttp-4", "okhttp-5");
  private static final Map<String, String> libs = new HashMap<>();
  private static final Map<String, Path> apps = new HashMap<>();

  @TempDir
  static Path dir;

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (Jdks.Jdk jdk : Jdks.all()) {
      for (String version : VERSIONS) {
        runs.add(Arguments.of(jdk, version));
      }
    }
    return runs.stream();
  }

  @BeforeAll
  static void compileTheAppAgainstEachVersion() throws Exception {
    for (String version : VERSIONS) {
      libs.put(version, AppRun.jarsIn("target/libs/" + version));
      Path classes = Files.createDirectories(dir.resolve(version));
      AppRun.compile("okhttp/OkHttpApp.java", libs.get(version), classes);
      apps.put(version, classes);
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("runs")
  void everyModelCallIsOneLlmSpanUnderItsOpAndTheAppSeesTheSameBytes(Jdks.Jdk jdk, String version) throws Exception {
    AppRun.Result plain;
    try (OpenAiStandIn llm = OpenAiStandIn.start()) {
      llm.failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
      plain = app(jdk, version).run("OkHttpApp", llm.baseUrl());
    }
    try (OpenAiStandIn llm = OpenAiStandIn.start(); FakeWeave weave = FakeWeave.start()) {
      llm.failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
      AppRun.Result traced = app(jdk, version)
          .agent("project=team/okhttp,trace.url=" + weave.baseUrl() + ",api.key=weave-key")
          .run("OkHttpApp", llm.baseUrl());

      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).as(traced.toString()).isEqualTo(plain.stdout());
      assertThat(plain.stdout()).contains("okhttp=okhttp/" + version.substring(7),
          "failing: 429 ", "sync: 200 ", "  | data: [DONE]", "async[0]: 200 {", "async[1]: 200 {",
          "models: 200 ");
      assertThat(section(plain.stdout(), "stream(usage=false)")).doesNotContain("\"usage\":{");
      assertThat(section(plain.stdout(), "stream(usage=true)")).contains("\"choices\":[],\"usage\":{");
      String one = "[dev.weft.http.WeftInterceptor]";
      assertThat(traced.stderr()).contains("interceptors " + one + " " + one + " " + one + " " + one);
      assertThat(traced.stderr()).doesNotContain(SECRET);

      List<ReceivedSpan> spans = weave.awaitSpans(15, Duration.ofSeconds(30));
      assertThat(weave.rejectedSpans()).isEmpty();
      assertThat(spans).hasSize(15);
      assertThat(spans).allSatisfy(s -> assertThat(s.attributes().toString()).doesNotContain(SECRET, "Bearer"));
      assertModelCalls(spans, plain.stdout(), llm.port());
      assertThat(llm.requests().stream().filter(r -> r.body().contains("\"stream\":true"))
          .map(r -> r.body().contains("\"include_usage\":true")))
          .as("streams asked for usage").containsOnly(true).hasSize(3);
    }
  }

  private static void assertModelCalls(List<ReceivedSpan> spans, String stdout, int port) throws Exception {
    List<ReceivedSpan> llmSpans = spans.stream().filter(s -> s.name().equals(CHAT)).collect(Collectors.toList());
    assertThat(llmSpans).hasSize(7);
    for (ReceivedSpan span : llmSpans) {
      assertThat(span.attr("weave.span.kind")).isEqualTo("llm");
      assertThat(span.attr("gen_ai.operation.name")).isEqualTo("chat");
      assertThat(span.attr("gen_ai.request.model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
      assertThat(span.attr("server.address")).isEqualTo("127.0.0.1");
      assertThat(span.attr("server.port")).isEqualTo((long) port);
      assertThat(span.attr("openai.project")).isEqualTo("team/okhttp");
      assertThat(span.kind()).isEqualTo("CLIENT");
    }
    ReceivedSpan failing = childOf(spans, "OkHttpApp.failing");
    assertThat(failing.statusCode()).isEqualTo("ERROR");
    assertThat(failing.statusMessage()).isEqualTo("429 " + OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
    assertThat(failing.attr("http.response.status_code")).isEqualTo(429L);

    ReceivedSpan sync = childOf(spans, "OkHttpApp.syncCall");
    JsonNode syncSeen = json.readTree(jsonOn(stdout, "sync: 200 ", ""));
    assertThat(sync.statusCode()).isEqualTo("UNSET");
    assertThat(sync.attr("http.response.status_code")).isEqualTo(200L);
    assertThat(json.readTree((String) sync.attr("inputs")).at("/messages/0/content").asText()).isEqualTo("Tell me a joke.");
    assertThat(json.readTree((String) sync.attr("output"))).isEqualTo(syncSeen);
    assertUsage(sync, syncSeen.get("usage"));
    assertThat(sync.attr("gen_ai.response.id")).isEqualTo(syncSeen.get("id").asText());

    List<ReceivedSpan> streams = childrenOf(spans, "OkHttpApp.streamed");
    assertThat(streams).hasSize(2);
    JsonNode usage = json.readTree(jsonOn(section(stdout, "stream(usage=true)"), "  | data: ", "\"choices\":[]"))
        .get("usage");
    for (ReceivedSpan stream : streams) {
      JsonNode output = json.readTree((String) stream.attr("output"));
      assertThat(output.get("object").asText()).isEqualTo("chat.completion");
      assertThat(output.at("/choices/0/message/content").asText())
          .isEqualTo(OpenAiStandIn.replyTo("What is the capital of France?"));
      assertThat(stream.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
      assertThat((Double) stream.attr("weft.time_to_first_chunk_s")).isPositive();
      assertUsage(stream, usage);
    }
    ReceivedSpan early = childOf(spans, "OkHttpApp.closedEarly");
    assertThat(early.attr("weft.stream.closed_early")).isEqualTo(true);
    assertThat(early.attr("http.response.status_code")).isEqualTo(200L);

    ReceivedSpan first = childOf(spans, "OkHttpApp.enqueued");
    ReceivedSpan queued = childOf(spans, "OkHttpApp.enqueueLater");
    assertThat(json.readTree((String) first.attr("inputs")).at("/messages/0/content").asText()).isEqualTo("Tell me a joke.");
    assertThat(json.readTree((String) queued.attr("inputs")).at("/messages/0/content").asText())
        .isEqualTo("What is the capital of France?");
    assertThat(json.readTree((String) queued.attr("output")))
        .isEqualTo(json.readTree(jsonOn(stdout, "async[1]: 200 ", "")));
  }

  private static void assertUsage(ReceivedSpan span, JsonNode usage) {
    assertThat(span.attr("gen_ai.usage.prompt_tokens")).isEqualTo(usage.get("prompt_tokens").asLong());
    assertThat(span.attr("gen_ai.usage.completion_tokens")).isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(span.attr("llm.usage.total_tokens")).isEqualTo(usage.get("total_tokens").asLong());
  }

  /** The one model-call ({@code llm}) span whose parent is the op span named {@code op}. */
  static ReceivedSpan childOf(List<ReceivedSpan> spans, String op) {
    List<ReceivedSpan> children = childrenOf(spans, op);
    assertThat(children).as("model calls under %s", op).hasSize(1);
    return children.get(0);
  }

  static List<ReceivedSpan> childrenOf(List<ReceivedSpan> spans, String op) {
    List<String> parents = spans.stream().filter(s -> s.name().equals(op)).map(ReceivedSpan::spanId)
        .collect(Collectors.toList());
    assertThat(parents).as("op spans named %s", op).isNotEmpty();
    return spans.stream().filter(s -> "llm".equals(s.attr("weave.span.kind")) && parents.contains(s.parentSpanId()))
        .collect(Collectors.toList());
  }

  private static AppRun app(Jdks.Jdk jdk, String version) {
    return AppRun.on(jdk).classpath(apps.get(version).toString()).classpath(libs.get(version));
  }

  /** The lines of stdout from the one starting with {@code start} up to the next line not indented. */
  static String section(String stdout, String start) {
    int from = stdout.indexOf(start);
    assertThat(from).as("'%s' in stdout", start).isNotNegative();
    int end = from;
    do {
      end = stdout.indexOf('\n', end) + 1;
    } while (end > 0 && end < stdout.length() && stdout.startsWith("  |", end));
    return stdout.substring(from, end <= 0 ? stdout.length() : end);
  }

  /** From the first '{' to the end of the first line starting with {@code prefix} that contains {@code marker}. */
  static String jsonOn(String text, String prefix, String marker) {
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix) && line.contains(marker) && line.indexOf('{') >= 0) {
        return line.substring(line.indexOf('{'));
      }
    }
    throw new AssertionError("no line '" + prefix + "...' with '" + marker + "' in\n" + text);
  }
}
