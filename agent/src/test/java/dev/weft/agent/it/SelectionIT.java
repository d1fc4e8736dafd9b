package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.ManyRootsApp;
import dev.weft.agent.it.app.PlainApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which calls are traced: methods named by weft.ops.include, and sampling per root call. */
class SelectionIT {
  private static final Jdks.Jdk JDK = Jdks.all().get(0);

  @Test
  void opsIncludeTracesTheNamedMethodsOfAClassWithoutAnnotations() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK)
          .agent("trace.url=" + weave.baseUrl() + ",ops.include=" + PlainApp.class.getName() + "[compute]")
          .run(PlainApp.class.getName());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).isEqualTo("compute=41\n");
      List<ReceivedSpan> spans = weave.awaitSpans(1, Duration.ofSeconds(10));
      assertThat(spans).extracting(ReceivedSpan::name).containsExactly("PlainApp.compute");
      assertThat(spans.get(0).attr("inputs")).isEqualTo("{\"x\":4}");
      assertThat(spans.get(0).attr("output")).isEqualTo("41");
    }
  }

  @Test
  void opsIncludeWithoutMethodsTracesEveryMethodOfTheClass() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK)
          .agent("trace.url=" + weave.baseUrl() + ",ops.include=" + PlainApp.class.getName())
          .run(PlainApp.class.getName());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      Map<String, ReceivedSpan> byName = weave.awaitSpans(3, Duration.ofSeconds(10)).stream()
          .collect(Collectors.toMap(ReceivedSpan::name, s -> s));
      assertThat(byName).containsOnlyKeys("PlainApp.main", "PlainApp.compute", "PlainApp.helper");
      assertThat(byName.get("PlainApp.compute").parentSpanId()).isEqualTo(byName.get("PlainApp.main").spanId());
      assertThat(byName.get("PlainApp.helper").parentSpanId()).isEqualTo(byName.get("PlainApp.compute").spanId());
    }
  }

  @Test
  void samplingKeepsOrDropsWholeTraces() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK).agent("trace.url=" + weave.baseUrl() + ",sample.rate=0.5")
          .run(ManyRootsApp.class.getName());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).isEqualTo("sum=40000\n");
      Map<String, List<ReceivedSpan>> byTrace = weave.spans().stream()
          .collect(Collectors.groupingBy(ReceivedSpan::traceId));
      // 200 roots at 0.5: all or none would be a 2^-199 fluke.
      assertThat(byTrace.size()).isBetween(1, 199);
      assertThat(byTrace.values()).allSatisfy(trace -> {
        assertThat(trace).hasSize(3);
        assertThat(trace).filteredOn(ReceivedSpan::isRoot).extracting(ReceivedSpan::name).containsExactly("ManyRootsApp.root");
      });
    }
  }
}
