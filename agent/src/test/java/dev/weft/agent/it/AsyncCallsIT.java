package dev.weft.agent.it;

import static dev.weft.agent.it.OpTracingIT.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.AsyncShapesApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Work that goes on after its call returned, conversation threads and attributes reaching other
 * threads, and thread pools handing the app back its own tasks; in a real JVM with the agent.
 */
class AsyncCallsIT {
  private static final int SPANS = 12;
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
  void workOnOtherThreadsAfterACallReturnedNestsUnderItWithItsOwnTimes(Jdks.Jdk jdk) throws Exception {
    List<ReceivedSpan> spans = run(jdk);

    ReceivedSpan parent = named(spans, "AsyncShapesApp.startLate").get(0);
    ReceivedSpan late = step(spans, "late");
    assertThat(parent.isRoot()).isTrue();
    assertThat(late.parentSpanId()).isEqualTo(parent.spanId());
    assertThat(late.traceId()).isEqualTo(parent.traceId());
    assertThat(late.startEpochNanos()).isGreaterThanOrEqualTo(parent.endEpochNanos());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aCompletionStageCallEndsWhenItsThenComposeAndHandleChainHasCompleted(Jdks.Jdk jdk) throws Exception {
    List<ReceivedSpan> spans = run(jdk);

    ReceivedSpan chain = named(spans, "AsyncShapesApp.chain").get(0);
    assertThat(chain.attr("output")).isEqualTo("abc");
    for (String step : List.of("a", "ab", "abc")) {
      ReceivedSpan s = step(spans, step);
      assertThat(s.parentSpanId()).as("parent of step %s", step).isEqualTo(chain.spanId());
      assertThat(s.endEpochNanos()).isLessThanOrEqualTo(chain.endEpochNanos());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aConversationThreadsTurnsAndAttributesReachCallsInPoolTasks(Jdks.Jdk jdk) throws Exception {
    List<ReceivedSpan> spans = run(jdk);

    List<ReceivedSpan> turns = named(spans, "AsyncShapesApp.turn");
    assertThat(turns).hasSize(2).allSatisfy(turn -> {
      assertThat(turn.isRoot()).isTrue();
      assertThat(turn.attr("wandb.thread_id")).isEqualTo("conversation-1");
      assertThat(turn.attr("wandb.is_turn")).isEqualTo(true);
    });
    for (String message : List.of("hello", "again")) {
      ReceivedSpan inner = step(spans, message);
      assertThat(turns).extracting(ReceivedSpan::spanId).contains(inner.parentSpanId());
      assertThat(inner.attr("wandb.thread_id")).isEqualTo("conversation-1");
      assertThat(inner.attributes()).doesNotContainKey("wandb.is_turn");
    }
    ReceivedSpan tagged = step(spans, "tagged");
    assertThat(tagged.isRoot()).isTrue();
    assertThat(tree(tagged.attr("wandb.attributes"))).isEqualTo(tree("{\"user\":\"u-1\"}"));
    assertThat(tagged.attributes()).doesNotContainKeys("wandb.thread_id", "wandb.is_turn");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theAppGetsItsOwnTasksBackAndPrintsExactlyAsWithoutTheAgent(Jdks.Jdk jdk) throws Exception {
    AppRun.Result plain = AppRun.on(jdk).run(AsyncShapesApp.class.getName());
    AppRun.Result traced = AppRun.on(jdk).agent("trace.url=" + weave.baseUrl()).run(AsyncShapesApp.class.getName());

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(traced.exitCode()).as(traced.toString()).isZero();
    assertThat(traced.stdout()).isEqualTo(plain.stdout())
        .contains("identity removed=true left=2 same=true,true queue=0\npriority=[0, 1, 2]\n");
  }

  private List<ReceivedSpan> run(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run = AppRun.on(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl())
        .run(AsyncShapesApp.class.getName());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<ReceivedSpan> spans = weave.awaitSpans(SPANS, Duration.ofSeconds(30));
    assertThat(spans).hasSize(SPANS);
    return spans;
  }

  private static ReceivedSpan step(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> steps = named(spans, "AsyncShapesApp.step").stream()
        .filter(s -> name.equals(s.attr("output"))).collect(Collectors.toList());
    assertThat(steps).as("step %s", name).hasSize(1);
    return steps.get(0);
  }

  private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
  }
}
