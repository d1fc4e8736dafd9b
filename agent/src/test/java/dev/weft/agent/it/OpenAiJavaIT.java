package dev.weft.agent.it;

import static dev.weft.agent.it.OkHttpTracingIT.childOf;
import static dev.weft.agent.it.OkHttpTracingIT.childrenOf;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official openai-java SDK (the newest release and the oldest 2.x), unchanged, under the agent:
 * chat (sync, async, streamed with and without usage asked), embeddings, responses and errors each
 * give exactly one {@code llm} span under the {@code @Op} that made the call; listing models gives
 * none; the app prints exactly what it prints without the agent.
 */
class OpenAiJavaIT {
  private static final ObjectMapper json = new ObjectMapper();
  private static final List<String> VERSIONS = List.of("4.101.0", "2.0.0");
  private static final String KEY = "sk-very-secret-openai";
  private static final String EMBEDDING_MODEL = "BAAI/bge-small-en-v1.5";
  private static final String SERVER_ERROR = "The server had an error while processing your request.";
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
      libs.put(version, AppRun.jarsIn("target/libs/openai-java-" + version));
      Path classes = Files.createDirectories(dir.resolve(version));
      AppRun.compile("openai/OpenAiApp.java", libs.get(version), classes);
      apps.put(version, classes);
    }
  }

  private static OpenAiStandIn standIn() {
    return OpenAiStandIn.start().requireKey(KEY).addModel(EMBEDDING_MODEL)
        .failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE)
        .failNext(500, SERVER_ERROR)
        .failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE); // the retried call's first attempt
  }

  @ParameterizedTest(name = "{0}, openai-java {1}")
  @MethodSource("runs")
  void everySdkCallIsOneLlmSpanUnderItsOp(Jdks.Jdk jdk, String version) throws Exception {
    AppRun.Result plain;
    try (OpenAiStandIn llm = standIn()) {
      plain = app(jdk, version).run("OpenAiApp", llm.baseUrl(), KEY);
    }
    try (OpenAiStandIn llm = standIn(); FakeWeave weave = FakeWeave.start()) {
      AppRun.Result traced = app(jdk, version)
          .agent("project=team/openai,trace.url=" + weave.baseUrl() + ",api.key=weave-key")
          .run("OpenAiApp", llm.baseUrl(), KEY);

      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).as(traced.toString()).isEqualTo(plain.stdout());
      assertThat(plain.stdout()).contains("rateLimited: RateLimitException 429 ", "serverError: InternalServerException 500 ",
          "unauthorized: UnauthorizedException 401 ", "notFound: NotFoundException 404 ", "retried: ChatCompletion{",
          "chat: " + OpenAiStandIn.replyTo("Tell me a joke."), "async: ChatCompletion{", "stream(usage=false) | ",
          "stream(usage=true) | ", "embed: 1 x ", "respond: ", "models: " + (OpenAiStandIn.MODELS.size() + 1));
      assertThat(traced.stderr()).doesNotContain(KEY, "sk-wrong-secret-key");

      List<ReceivedSpan> spans = weave.awaitSpans(24, Duration.ofSeconds(30));
      assertThat(weave.rejectedSpans()).isEmpty();
      assertThat(spans).hasSize(24);
      assertThat(spans).allSatisfy(s -> assertThat(s.attributes().toString())
          .doesNotContain(KEY, "sk-wrong-secret-key", "Bearer"));
      assertThat(childrenOf(spans, "OpenAiApp.listModels")).isEmpty();
      assertThat(spans.stream().filter(s -> "llm".equals(s.attr("weave.span.kind")))).hasSize(12)
          .allSatisfy(s -> {
            assertThat(s.attr("server.address")).isEqualTo("127.0.0.1");
            assertThat(s.attr("server.port")).isEqualTo((long) llm.port());
            assertThat(s.attr("openai.project")).isEqualTo("team/openai");
          });
      assertFailures(spans);
      assertCalls(spans, plain.stdout());
    }
  }

  private static void assertFailures(List<ReceivedSpan> spans) {
    assertFailure(failingCall(spans, "rateLimited"), 429, "429 " + OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
    assertFailure(failingCall(spans, "serverError"), 500, "500 " + SERVER_ERROR);
    assertFailure(failingCall(spans, "unauthorized"), 401, "401 Incorrect API key provided.");
    ReceivedSpan notFound = failingCall(spans, "notFound");
    assertFailure(notFound, 404, "404 The model `no-such/model` does not exist or you do not have access to it.");
    assertThat(notFound.attr("gen_ai.request.model")).isEqualTo("no-such/model");

    // openai-java retries 429 and 5xx (2 retries by default): each attempt is an HTTP request of its own.
    List<ReceivedSpan> attempts = childrenOf(spans, "OpenAiApp.retried");
    assertThat(attempts).extracting(s -> s.attr("http.response.status_code")).containsExactlyInAnyOrder(429L, 200L);
    assertThat(attempts).extracting(ReceivedSpan::statusCode).containsExactlyInAnyOrder("ERROR", "UNSET");
  }

  private static void assertFailure(ReceivedSpan span, long status, String message) {
    assertThat(span.name()).isEqualTo("openai.chat.completions.create");
    assertThat(span.statusCode()).isEqualTo("ERROR");
    assertThat(span.statusMessage()).isEqualTo(message);
    assertThat(span.attr("http.response.status_code")).isEqualTo(status);
  }

  private static void assertCalls(List<ReceivedSpan> spans, String stdout) throws Exception {
    ReceivedSpan chat = childOf(spans, "OpenAiApp.chat");
    assertThat(chat.name()).isEqualTo("openai.chat.completions.create");
    assertThat(chat.attr("gen_ai.operation.name")).isEqualTo("chat");
    assertThat(chat.attr("gen_ai.request.model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(chat.attr("gen_ai.response.model")).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(chat.attr("http.response.status_code")).isEqualTo(200L);
    assertThat(json.readTree((String) chat.attr("inputs")).get("messages"))
        .isEqualTo(json.readTree("[{\"role\":\"user\",\"content\":\"Tell me a joke.\"}]"));
    JsonNode output = json.readTree((String) chat.attr("output"));
    assertThat(output.get("object").asText()).isEqualTo("chat.completion");
    assertThat(output.at("/choices/0/message/content").asText()).isEqualTo(OpenAiStandIn.replyTo("Tell me a joke."));
    assertThat(chat.attr("gen_ai.response.id")).isEqualTo(output.get("id").asText());
    assertThat(chat.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
    assertUsage(chat, usage(stdout, "chat: ChatCompletion{"));

    // openai-java's async client hops to ForkJoinPool.commonPool (thenComposeAsync) before OkHttp's
    // enqueue; the agent carries the context across, so the call nests under its @Op all the same.
    assertThat(spans.stream().filter(s -> s.isRoot() && "llm".equals(s.attr("weave.span.kind")))).isEmpty();
    ReceivedSpan async = childOf(spans, "OpenAiApp.chatAsync");
    assertThat(async.attr("gen_ai.request.stream")).isNotEqualTo(true);
    assertThat(json.readTree((String) async.attr("output")).at("/choices/0/message/content").asText()).isEqualTo("Paris");
    assertUsage(async, usage(stdout, "async: ChatCompletion{"));

    List<ReceivedSpan> streams = childrenOf(spans, "OpenAiApp.stream");
    assertThat(streams).hasSize(2);
    long[] streamUsage = usage(stdout, "stream(usage=true) | ChatCompletionChunk{");
    for (ReceivedSpan stream : streams) {
      JsonNode streamed = json.readTree((String) stream.attr("output"));
      assertThat(streamed.get("object").asText()).isEqualTo("chat.completion");
      assertThat(streamed.at("/choices/0/message/content").asText()).isEqualTo("Paris");
      assertThat(stream.attr("gen_ai.request.stream")).isEqualTo(true);
      assertThat((Double) stream.attr("weft.time_to_first_chunk_s")).isPositive();
      assertUsage(stream, streamUsage);
    }
    ReceivedSpan embed = childOf(spans, "OpenAiApp.embed");
    assertThat(embed.name()).isEqualTo("openai.embeddings.create");
    assertThat(embed.attr("gen_ai.operation.name")).isEqualTo("embeddings");
    assertThat(embed.attr("gen_ai.request.model")).isEqualTo(EMBEDDING_MODEL);
    assertThat(json.readTree((String) embed.attr("inputs")).get("input").asText()).isEqualTo("The capital of France");
    assertThat(embed.attr("gen_ai.usage.prompt_tokens")).isEqualTo(OpenAiStandIn.tokens("The capital of France"));

    ReceivedSpan respond = childOf(spans, "OpenAiApp.respond");
    assertThat(respond.name()).isEqualTo("openai.responses.create");
    assertThat(respond.attr("gen_ai.operation.name")).isEqualTo("chat");
    assertThat(json.readTree((String) respond.attr("output")).get("object").asText()).isEqualTo("response");
    assertThat((Long) respond.attr("gen_ai.usage.completion_tokens")).isPositive();
  }

  private static ReceivedSpan failingCall(List<ReceivedSpan> spans, String label) {
    List<ReceivedSpan> failing = spans.stream().filter(s -> s.name().equals("OpenAiApp.failing"))
        .collect(Collectors.toList());
    List<ReceivedSpan> ops = failing.stream()
        .filter(s -> String.valueOf(s.attr("inputs")).contains("\"label\":\"" + label + "\"")).collect(Collectors.toList());
    assertThat(ops).as("failing(%s) among %s", label, failing.stream().map(s -> s.attr("inputs"))
        .collect(Collectors.toList())).hasSize(1);
    List<ReceivedSpan> calls = spans.stream().filter(s -> ops.get(0).spanId().equals(s.parentSpanId()))
        .collect(Collectors.toList());
    assertThat(calls).as("model calls under failing(%s)", label).hasSize(1);
    return calls.get(0);
  }

  private static void assertUsage(ReceivedSpan span, long[] usage) {
    assertThat(span.attr("gen_ai.usage.prompt_tokens")).isEqualTo(usage[0]);
    assertThat(span.attr("gen_ai.usage.completion_tokens")).isEqualTo(usage[1]);
    assertThat(span.attr("llm.usage.total_tokens")).isEqualTo(usage[0] + usage[1]);
  }

  /** Prompt and completion tokens of the CompletionUsage the app printed on the line starting so. */
  private static long[] usage(String stdout, String linePrefix) {
    Pattern usage = Pattern.compile("CompletionUsage\\{completionTokens=(\\d+), promptTokens=(\\d+)");
    for (String line : stdout.split("\n")) {
      Matcher m = usage.matcher(line);
      if (line.startsWith(linePrefix) && m.find()) {
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))};
      }
    }
    throw new AssertionError("no usage printed on a line '" + linePrefix + "...' in\n" + stdout);
  }

  private static AppRun app(Jdks.Jdk jdk, String version) {
    return AppRun.on(jdk).classpath(apps.get(version).toString()).classpath(libs.get(version));
  }
}
