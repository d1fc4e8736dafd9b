package dev.weft.agent.it;

import static dev.weft.agent.it.OpTracingIT.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.JdkHttpApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.OpenAiStandIn;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Raw {@code java.net.http.HttpClient} model calls in a real JVM with the agent, against the stand-in. */
class JdkHttpClientIT {
  private static final String LLM = "openai.chat.completions.create";
  private static final List<String> CALLS = List.of("sendString", "sendAsyncString", "streamLines",
      "streamInputStream", "streamPublisher", "streamClosedEarly");
  private static final String ANSWER = OpenAiStandIn.replyTo("Tell me a joke.");

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
  void everyCallIsOneLlmSpanUnderItsOp(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run;
    List<OpenAiStandIn.Request> received;
    int port;
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(JdkHttpApp.KEY)) {
      port = llm.port();
      run = traced(jdk, "").run(JdkHttpApp.class.getName(), llm.baseUrl(), "calls");
      received = llm.requests();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<ReceivedSpan> spans = weave.awaitSpans(2 * CALLS.size(), Duration.ofSeconds(30));
    Map<String, ReceivedSpan> ops = spans.stream().filter(s -> !s.name().equals(LLM))
        .collect(Collectors.toMap(s -> s.name().substring("JdkHttpApp.".length()), s -> s));
    assertThat(ops.keySet()).containsExactlyInAnyOrderElementsOf(CALLS);
    List<ReceivedSpan> calls = spans.stream().filter(s -> s.name().equals(LLM)).collect(Collectors.toList());
    assertThat(calls).hasSize(CALLS.size());
    assertThat(weave.rejectedSpans()).isEmpty();

    for (String name : CALLS) {
      ReceivedSpan op = ops.get(name);
      List<ReceivedSpan> children = calls.stream().filter(c -> c.parentSpanId().equals(op.spanId()))
          .collect(Collectors.toList());
      assertThat(children).as("llm spans under %s", name).hasSize(1);
      ReceivedSpan call = children.get(0);
      boolean stream = name.startsWith("stream");
      System.out.println(name + " -> " + call.attributes());
      assertThat(call.traceId()).isEqualTo(op.traceId());
      assertThat(call.kind()).isEqualTo("CLIENT");
      assertThat(call.statusCode()).as(name).isEqualTo("UNSET");
      assertThat(call.attr("weave.span.kind")).isEqualTo("llm");
      assertThat(call.attr("gen_ai.operation.name")).isEqualTo("chat");
      assertThat(call.attr("gen_ai.provider.name")).isEqualTo("openai");
      assertThat(call.attr("gen_ai.request.model")).isEqualTo(JdkHttpApp.MODEL);
      assertThat(call.attr("gen_ai.response.model")).isEqualTo(JdkHttpApp.MODEL);
      assertThat(call.attr("server.address")).isEqualTo("127.0.0.1");
      assertThat(call.attr("server.port")).isEqualTo((long) port);
      assertThat(call.attr("http.response.status_code")).isEqualTo(200L);
      assertThat(call.attr("openai.project")).isEqualTo("team/jdk-project");
      assertThat(tree(call.attr("inputs"))).isEqualTo(tree(stream ? JdkHttpApp.STREAM : JdkHttpApp.CHAT));
      if (name.equals("streamClosedEarly")) {
        assertThat(call.attr("weft.stream.closed_early")).isEqualTo(true);
        continue;
      }
      assertThat(call.attr("gen_ai.usage.prompt_tokens")).as(name).isEqualTo(5L);
      assertThat(call.attr("gen_ai.usage.completion_tokens")).as(name).isEqualTo(13L);
      assertThat(call.attr("gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
      assertThat(tree(call.attr("output")).path("object").asText()).isEqualTo("chat.completion");
      assertThat(tree(call.attr("output")).path("choices").path(0).path("message").path("content").asText())
          .isEqualTo(ANSWER);
    }
    assertThat(spans).allSatisfy(s -> assertThat(s.toString()).doesNotContain("sk-jdk"));
    assertThat(run.stderr()).doesNotContain("sk-jdk");
    // streamed calls were asked for usage, which the app never saw (it prints no usage chunk)
    assertThat(received).hasSize(CALLS.size());
    assertThat(received).filteredOn(r -> r.body().contains("\"stream\":true")).hasSize(4)
        .allSatisfy(r -> assertThat(r.body()).isEqualTo(JdkHttpApp.STREAM.substring(0, JdkHttpApp.STREAM.length() - 1)
            + ",\"stream_options\":{\"include_usage\":true}}"));
    assertThat(run.stdout()).doesNotContain("\"choices\":[],\"usage\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void errorsGiveErrorSpansWithTheStatusAndTheServersMessage(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run;
    try (OpenAiStandIn llm = errorsStandIn()) {
      run = traced(jdk, "").run(JdkHttpApp.class.getName(), llm.baseUrl(), "errors");
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    // 429, 500, 401, 404, a refused connection sent with send and with sendAsync, a cancelled call
    List<ReceivedSpan> spans = weave.awaitSpans(6 + 7, Duration.ofSeconds(30));
    Map<String, ReceivedSpan> ops = spans.stream().filter(s -> !s.name().equals(LLM))
        .collect(Collectors.toMap(s -> s.name().substring("JdkHttpApp.".length()), s -> s));
    assertThat(spans).filteredOn(s -> s.name().equals(LLM)).hasSize(7);
    assertThat(run.stdout()).contains("cancelled: true true");

    assertError(only(spans, ops.get("tooManyRequests")), 429L, "429 " + OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE);
    assertError(only(spans, ops.get("serverError")), 500L, "500 The server had an error");
    assertError(only(spans, ops.get("wrongKey")), 401L, "401 Incorrect API key provided.");
    assertError(only(spans, ops.get("unknownModel")), 404L,
        "404 The model `acme/no-such-model` does not exist or you do not have access to it.");
    List<ReceivedSpan> refused = spans.stream()
        .filter(s -> s.parentSpanId().equals(ops.get("refused").spanId())).collect(Collectors.toList());
    assertThat(refused).hasSize(2).allSatisfy(s -> {
      assertThat(s.statusCode()).isEqualTo("ERROR");
      assertThat(s.attributes()).doesNotContainKey("http.response.status_code");
      assertThat(s.events()).hasSize(1);
      assertThat(s.events().get(0).attr("exception.type")).isEqualTo("java.net.ConnectException");
      assertThat(tree(s.attr("inputs"))).isEqualTo(tree(JdkHttpApp.CHAT));
    });
    ReceivedSpan cancelled = only(spans, ops.get("cancelled"));
    assertThat(cancelled.statusCode()).isEqualTo("ERROR");
    assertThat(cancelled.attributes()).doesNotContainKey("http.response.status_code");
    assertThat(cancelled.events()).hasSize(1);
    assertThat(cancelled.events().get(0).attr("exception.type")).isEqualTo("java.util.concurrent.CancellationException");
    assertThat(spans).allSatisfy(s -> assertThat(s.toString()).doesNotContain("sk-jdk"));
    assertThat(run.stderr()).doesNotContain("sk-jdk");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theAppSeesExactlyWhatItSeesWithoutTheAgent(Jdks.Jdk jdk) throws Exception {
    for (String group : List.of("calls", "errors")) {
      AppRun.Result plain;
      AppRun.Result traced;
      try (OpenAiStandIn llm = group.equals("calls") ? OpenAiStandIn.start().requireKey(JdkHttpApp.KEY) : errorsStandIn()) {
        plain = AppRun.on(jdk).run(JdkHttpApp.class.getName(), llm.baseUrl(), group);
      }
      try (OpenAiStandIn llm = group.equals("calls") ? OpenAiStandIn.start().requireKey(JdkHttpApp.KEY) : errorsStandIn()) {
        traced = traced(jdk, "").run(JdkHttpApp.class.getName(), llm.baseUrl(), group);
      }
      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).as(group).isEqualTo(withPort(plain.stdout(), traced.stdout()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void withUsageNotAskedForTheRequestsGoOutAsTheAppWroteThem(Jdks.Jdk jdk) throws Exception {
    List<OpenAiStandIn.Request> received;
    AppRun.Result run;
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(JdkHttpApp.KEY)) {
      run = traced(jdk, ",llm.include.usage=false").run(JdkHttpApp.class.getName(), llm.baseUrl(), "calls");
      received = llm.requests();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(received).extracting(OpenAiStandIn.Request::body).containsExactly(JdkHttpApp.CHAT, JdkHttpApp.CHAT,
        JdkHttpApp.STREAM, JdkHttpApp.STREAM, JdkHttpApp.STREAM, JdkHttpApp.STREAM);
    assertThat(received).allSatisfy(r -> assertThat(r.header("Content-Length"))
        .isEqualTo(Integer.toString(r.body().length())));
    List<ReceivedSpan> spans = weave.awaitSpans(2 * CALLS.size(), Duration.ofSeconds(30));
    assertThat(spans).filteredOn(s -> s.name().equals(LLM) && "true".equals(String.valueOf(s.attr("gen_ai.request.stream"))))
        .hasSize(4).allSatisfy(s -> assertThat(s.attributes()).doesNotContainKey("gen_ai.usage.prompt_tokens"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aClientWrappedByHandUnderTheAgentGivesOneSpanPerCall(Jdks.Jdk jdk) throws Exception {
    AppRun.Result plain;
    AppRun.Result run;
    List<OpenAiStandIn.Request> received;
    String weftHttp = AppRun.codeSource(dev.weft.http.WeftHttpClient.class);
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(JdkHttpApp.KEY)) {
      plain = AppRun.on(jdk).classpath(weftHttp).run(JdkHttpApp.class.getName(), llm.baseUrl(), "wrapped");
    }
    try (OpenAiStandIn llm = OpenAiStandIn.start().requireKey(JdkHttpApp.KEY)) {
      run = traced(jdk, "").classpath(weftHttp).run(JdkHttpApp.class.getName(), llm.baseUrl(), "wrapped");
      received = llm.requests();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo(plain.stdout()).contains("wrappedSend status=200");
    List<ReceivedSpan> spans = weave.awaitSpans(4, Duration.ofSeconds(30));
    assertThat(spans).filteredOn(s -> s.name().equals(LLM)).hasSize(2);
    for (ReceivedSpan op : spans.stream().filter(s -> !s.name().equals(LLM)).collect(Collectors.toList())) {
      ReceivedSpan call = only(spans, op);
      assertThat(call.attr("gen_ai.usage.completion_tokens")).as(op.name()).isEqualTo(13L);
    }
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).contains("\"stream_options\":{\"include_usage\":true}");
  }

  private static OpenAiStandIn errorsStandIn() {
    return OpenAiStandIn.start().requireKey(JdkHttpApp.KEY)
        .failNext(429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE)
        .failNext(500, "The server had an error while processing your request. Sorry about that!");
  }

  /** The refused port differs per run: take it from the traced run. */
  private static String withPort(String plain, String traced) {
    java.util.regex.Matcher port = java.util.regex.Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(traced);
    return port.find() ? plain.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + port.group(1)) : plain;
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, ReceivedSpan op) {
    List<ReceivedSpan> children = spans.stream().filter(s -> s.parentSpanId().equals(op.spanId()))
        .collect(Collectors.toList());
    assertThat(children).as("spans under %s", op.name()).hasSize(1);
    return children.get(0);
  }

  private static void assertError(ReceivedSpan span, long status, String message) {
    assertThat(span.name()).isEqualTo(LLM);
    assertThat(span.statusCode()).isEqualTo("ERROR");
    assertThat(span.statusMessage()).startsWith(message);
    assertThat(span.attr("http.response.status_code")).isEqualTo(status);
    assertThat(span.attr("weave.span.kind")).isEqualTo("llm");
  }

  private AppRun traced(Jdks.Jdk jdk, String extra) {
    return AppRun.on(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl() + ",api.key=test-key" + extra);
  }
}
