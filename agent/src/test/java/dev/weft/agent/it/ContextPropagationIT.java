package dev.weft.agent.it;

import static dev.weft.agent.it.OpTracingIT.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.FanOutApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the JDK runs work on another thread, in a real JVM with the agent, on each JDK: an
 * {@code @Op} parent whose two children run side by side on other threads, then one more child started
 * outside any call on the same (already started) threads. One app run per JDK covers every mechanism.
 */
class ContextPropagationIT {
  private static final List<String> ALWAYS = List.of(
      "thread-pool-submit", "thread-pool-execute", "thread-pool-invoke-all", "scheduled-thread-pool",
      "fork-join-pool-submit", "fork-join-pool-execute", "fork-join-task", "common-pool", "parallel-stream",
      "completable-future-async", "completable-future-then-async", "new-thread");
  private static final List<String> SINCE_21 = List.of(
      "virtual-thread-executor", "thread-of-virtual", "start-virtual-thread");
  private static final List<String> SINCE_25 = List.of("structured-task-scope");
  private static final Map<Integer, List<ReceivedSpan>> RUNS = new ConcurrentHashMap<>();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Jdks.Jdk jdk : Jdks.all()) {
      for (String mechanism : mechanisms(jdk)) {
        cases.add(Arguments.of(jdk, mechanism));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void childrenOnOtherThreadsNestUnderTheCallThatStartedThem(Jdks.Jdk jdk, String mechanism) {
    List<ReceivedSpan> spans = spansOf(jdk);
    ReceivedSpan parent = parent(spans, mechanism);
    assertThat(parent.isRoot()).isTrue();
    // the two children waited for each other, so they ran at the same time on two threads
    assertThat(parent.attr("output")).as("where the children ran").isIn(expectedPlaces(mechanism));

    for (int index = 0; index < 2; index++) {
      ReceivedSpan child = child(spans, mechanism, index);
      assertThat(child.parentSpanId()).as("parent of child %d", index).isEqualTo(parent.spanId());
      assertThat(child.traceId()).isEqualTo(parent.traceId());
      assertThat(child.startEpochNanos()).isBetween(parent.startEpochNanos(), parent.endEpochNanos());
      assertThat(child.endEpochNanos()).isBetween(parent.startEpochNanos(), parent.endEpochNanos());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void workStartedOutsideAnyCallStartsItsOwnTraceOnThreadsTheParentStarted(Jdks.Jdk jdk, String mechanism) {
    List<ReceivedSpan> spans = spansOf(jdk);
    ReceivedSpan outside = child(spans, mechanism, 9);

    assertThat(outside.isRoot()).as("parent of work started outside any call").isTrue();
    assertThat(outside.traceId()).isNotEqualTo(parent(spans, mechanism).traceId());
  }

  private static List<String> expectedPlaces(String mechanism) {
    // a parallel stream runs one part on the calling thread
    return mechanism.equals("parallel-stream") ? List.of("main,other", "other,main") : List.of("other,other");
  }

  private static List<String> mechanisms(Jdks.Jdk jdk) {
    List<String> all = new ArrayList<>(ALWAYS);
    if (jdk.feature() >= 21) {
      all.addAll(SINCE_21);
    }
    if (jdk.feature() >= 25) {
      all.addAll(SINCE_25);
    }
    return all;
  }

  /** Runs every mechanism for the JDK once and keeps the spans for all the tests on that JDK. */
  private static List<ReceivedSpan> spansOf(Jdks.Jdk jdk) {
    return RUNS.computeIfAbsent(jdk.feature(), feature -> {
      try (FakeWeave weave = FakeWeave.start()) {
        List<String> mechanisms = mechanisms(jdk);
        AppRun run = AppRun.on(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl())
            .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
        if (feature >= 25) {
          run.jvmArg("--enable-preview");
        }
        AppRun.Result result = run.run(FanOutApp.class.getName(), mechanisms.toArray(new String[0]));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).doesNotContain("could not instrument");
        List<ReceivedSpan> spans = weave.awaitSpans(4 * mechanisms.size(), Duration.ofSeconds(60));
        assertThat(spans).hasSize(4 * mechanisms.size());
        return spans;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private static ReceivedSpan parent(List<ReceivedSpan> spans, String mechanism) {
    return only(spans, "FanOutApp.parent", "{\"mechanism\":\"" + mechanism + "\"}");
  }

  private static ReceivedSpan child(List<ReceivedSpan> spans, String mechanism, int index) {
    return only(spans, "FanOutApp.child", "{\"mechanism\":\"" + mechanism + "\",\"index\":" + index + "}");
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String name, String inputs) {
    List<ReceivedSpan> matching = spans.stream()
        .filter(s -> s.name().equals(name) && tree(s.attr("inputs")).equals(tree(inputs)))
        .collect(Collectors.toList());
    assertThat(matching).as("%s%s", name, inputs).hasSize(1);
    return matching.get(0);
  }
}
