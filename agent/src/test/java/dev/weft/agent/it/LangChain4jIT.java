package dev.weft.agent.it;

import static dev.weft.agent.it.OpTracingIT.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.LangChain4jApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.OpenAiStandIn;
import dev.weft.testing.ReceivedSpan;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LangChain4j's OpenAI chat models, on their default JDK HttpClient, in a real JVM with the agent. */
class LangChain4jIT {
  private static final String LLM = "openai.chat.completions.create";
  private static final String ANSWER = OpenAiStandIn.replyTo(LangChain4jApp.QUESTION);

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
  void blockingAndStreamingChatsAreOneLlmSpanEachUnderTheirOp(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run;
    List<OpenAiStandIn.Request> received;
    int port;
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(LangChain4jApp.KEY)) {
      port = llm.port();
      run = app(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl() + ",api.key=test-key")
          .run(LangChain4jApp.class.getName(), llm.baseUrl());
      received = llm.requests();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<ReceivedSpan> spans = weave.awaitSpans(6, Duration.ofSeconds(30));
    assertThat(weave.rejectedSpans()).isEmpty();
    Map<String, ReceivedSpan> ops = spans.stream().filter(s -> !s.name().equals(LLM))
        .collect(Collectors.toMap(s -> s.name().substring("LangChain4jApp.".length()), s -> s));
    assertThat(ops.keySet()).containsExactlyInAnyOrder("blocking", "streaming", "failing");
    assertThat(spans).filteredOn(s -> s.name().equals(LLM)).hasSize(3);
    assertThat(received).hasSize(3);

    ReceivedSpan blocking = only(spans, ops.get("blocking"));
    System.out.println("blocking -> " + blocking.attributes());
    assertSuccess(blocking, port);
    assertThat(blocking.attr("gen_ai.request.temperature")).isEqualTo(0.5);
    assertThat(tree(blocking.attr("inputs"))).isEqualTo(tree(received.get(0).body()));

    ReceivedSpan streaming = only(spans, ops.get("streaming"));
    System.out.println("streaming -> " + streaming.attributes());
    assertSuccess(streaming, port);
    assertThat(streaming.attr("gen_ai.request.stream")).isEqualTo(true);
    assertThat(tree(received.get(1).body()).path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(run.stdout()).contains("streaming: [").contains(ANSWER);

    ReceivedSpan failing = only(spans, ops.get("failing"));
    assertThat(failing.name()).isEqualTo(LLM);
    assertThat(failing.statusCode()).isEqualTo("ERROR");
    assertThat(failing.statusMessage()).isEqualTo("401 Incorrect API key provided.");
    assertThat(failing.attr("http.response.status_code")).isEqualTo(401L);

    assertThat(spans).allSatisfy(s -> assertThat(s.toString()).doesNotContain("sk-lc4j"));
    assertThat(run.stderr()).doesNotContain("sk-lc4j");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theAppSeesExactlyWhatItSeesWithoutTheAgent(Jdks.Jdk jdk) throws Exception {
    AppRun.Result plain;
    AppRun.Result traced;
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(LangChain4jApp.KEY)) {
      plain = app(jdk).run(LangChain4jApp.class.getName(), llm.baseUrl());
    }
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(LangChain4jApp.KEY)) {
      traced = app(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl())
          .run(LangChain4jApp.class.getName(), llm.baseUrl());
    }
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(traced.exitCode()).as(traced.toString()).isZero();
    assertThat(traced.stdout()).isEqualTo(plain.stdout()).contains("blocking: " + ANSWER);
  }

  private static void assertSuccess(ReceivedSpan span, int port) {
    assertThat(span.name()).isEqualTo(LLM);
    assertThat(span.statusCode()).isEqualTo("UNSET");
    assertThat(span.attr("weave.span.kind")).isEqualTo("llm");
    assertThat(span.attr("gen_ai.operation.name")).isEqualTo("chat");
    assertThat(span.attr("gen_ai.request.model")).isEqualTo(LangChain4jApp.MODEL);
    assertThat(span.attr("gen_ai.response.model")).isEqualTo(LangChain4jApp.MODEL);
    assertThat(span.attr("server.address")).isEqualTo("127.0.0.1");
    assertThat(span.attr("server.port")).isEqualTo((long) port);
    assertThat(span.attr("http.response.status_code")).isEqualTo(200L);
    assertThat(span.attr("openai.project")).isEqualTo("team/lc4j");
    assertThat(span.attr("gen_ai.usage.prompt_tokens")).isEqualTo(5L);
    assertThat(span.attr("gen_ai.usage.completion_tokens")).isEqualTo(13L);
    assertThat(span.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
    assertThat(tree(span.attr("output")).path("object").asText()).isEqualTo("chat.completion");
    assertThat(tree(span.attr("output")).path("choices").path(0).path("message").path("content").asText())
        .isEqualTo(ANSWER);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, ReceivedSpan op) {
    List<ReceivedSpan> children = spans.stream().filter(s -> s.parentSpanId().equals(op.spanId()))
        .collect(Collectors.toList());
    assertThat(children).as("spans under %s", op.name()).hasSize(1);
    return children.get(0);
  }

  /** The app with LangChain4j's jars (and theirs) on its class path, nothing else of the test's. */
  private static AppRun app(Jdks.Jdk jdk) {
    String jars = Stream.of(dev.langchain4j.model.openai.OpenAiChatModel.class,
            dev.langchain4j.model.chat.ChatModel.class,
            dev.langchain4j.http.client.HttpClient.class,
            dev.langchain4j.http.client.jdk.JdkHttpClient.class,
            com.fasterxml.jackson.databind.ObjectMapper.class,
            com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.annotation.JsonProperty.class,
            com.knuddels.jtokkit.Encodings.class,
            org.slf4j.LoggerFactory.class,
            org.jspecify.annotations.Nullable.class)
        .map(AppRun::codeSource).distinct().collect(Collectors.joining(File.pathSeparator));
    return AppRun.on(jdk).classpath(jars);
  }
}
