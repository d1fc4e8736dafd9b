package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.ReactorApp;
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
 * {@code @Op} methods returning Reactor publishers, with Reactor on the app's class path only: the call
 * ends when the publisher completes, fails or is cancelled, once, and work done when it is subscribed
 * to, on Reactor's schedulers, nests under it.
 */
class ReactorIT {
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
  void aMonoOrFluxCallEndsWithItsPublisherAndParentsTheWorkDoneOnSubscription(Jdks.Jdk jdk) throws Exception {
    AppRun.Result run = app(jdk).agent("project=team/proj,trace.url=" + weave.baseUrl()).run(ReactorApp.class.getName());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<ReceivedSpan> spans = weave.awaitSpans(8, Duration.ofSeconds(30));
    assertThat(spans).hasSize(8);

    ReceivedSpan answer = only(spans, "ReactorApp.answer");
    ReceivedSpan lookUp = only(spans, "ReactorApp.lookUp");
    assertThat(answer.attr("output")).isEqualTo("answer to question");
    assertThat(lookUp.parentSpanId()).isEqualTo(answer.spanId());
    assertThat(lookUp.endEpochNanos()).isLessThanOrEqualTo(answer.endEpochNanos());

    ReceivedSpan tokens = only(spans, "ReactorApp.tokens");
    assertThat(tokens.attr("output")).isEqualTo("[\"A\",\"B\",\"C\"]");
    List<ReceivedSpan> each = named(spans, "ReactorApp.token");
    assertThat(each).hasSize(3).allSatisfy(t -> {
      assertThat(t.parentSpanId()).isEqualTo(tokens.spanId());
      assertThat(t.endEpochNanos()).isLessThanOrEqualTo(tokens.endEpochNanos());
    });

    ReceivedSpan failing = only(spans, "ReactorApp.failing");
    assertThat(failing.statusCode()).isEqualTo("ERROR");
    assertThat(failing.statusMessage()).isEqualTo("no answer");

    ReceivedSpan never = only(spans, "ReactorApp.never");
    assertThat(never.statusCode()).isEqualTo("UNSET");
    assertThat(never.attributes()).doesNotContainKey("output");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void subscribersSeeExactlyWhatTheySeeWithoutTheAgent(Jdks.Jdk jdk) throws Exception {
    AppRun.Result plain = app(jdk).run(ReactorApp.class.getName());
    AppRun.Result traced = app(jdk).agent("trace.url=" + weave.baseUrl()).run(ReactorApp.class.getName());

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(traced.exitCode()).as(traced.toString()).isZero();
    assertThat(traced.stdout()).isEqualTo(plain.stdout())
        .isEqualTo("mono=answer to question\nflux=[A, B, C]\nerror=no answer\ncancelled=true\n");
  }

  private static AppRun app(Jdks.Jdk jdk) {
    return AppRun.on(jdk)
        .classpath(AppRun.codeSource(reactor.core.publisher.Mono.class))
        .classpath(AppRun.codeSource(org.reactivestreams.Publisher.class));
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> matching = named(spans, name);
    assertThat(matching).as(name).hasSize(1);
    return matching.get(0);
  }

  private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
  }
}
