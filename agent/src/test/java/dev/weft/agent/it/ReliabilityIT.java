package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.ShortCliApp;
import dev.weft.testing.FakeWeave;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend that is down, hangs or fails costs the app nothing: same output, same exit code, an exit
 * bounded by the flush timeout, and every span that could not be delivered counted in one line.
 */
class ReliabilityIT {

  static List<Jdks.Jdk> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aShortRunWithTheBackendUpLosesNothing(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(jdk).agent("project=team/p,trace.url=" + weave.baseUrl())
          .run(ShortCliApp.class.getName(), "200", "3");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.stdout()).isEqualTo("sum=2646700\n");
      assertThat(weave.spans()).hasSize(201);
      assertThat(run.stderr()).doesNotContain("not delivered");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aBackendRefusingConnectionsChangesNothingButAReportedDropCount(Jdks.Jdk jdk) throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    AppRun.Result plain = AppRun.on(jdk).run(ShortCliApp.class.getName(), "50", "7");
    AppRun.Result traced = AppRun.on(jdk)
        .agent("project=team/p,trace.url=http://127.0.0.1:" + deadPort + ",flush.timeout=2s")
        .run(ShortCliApp.class.getName(), "50", "7");

    assertThat(traced.exitCode()).as(traced.toString()).isEqualTo(plain.exitCode()).isEqualTo(7);
    assertThat(traced.stdout()).isEqualTo(plain.stdout());
    assertThat(traced.stderr()).containsOnlyOnce("51 of 51 spans were not delivered to http://127.0.0.1:" + deadPort);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aHangingBackendDelaysExitByNoMoreThanTheFlushTimeout(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      weave.hang();
      AppRun.Result traced = AppRun.on(jdk)
          .agent("project=team/p,trace.url=" + weave.baseUrl() + ",flush.timeout=1s")
          .run(ShortCliApp.class.getName(), "20", "0");

      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).isEqualTo("sum=2470\n");
      assertThat(traced.stderr()).contains("21 of 21 spans were not delivered");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aFailingBackendIsRetriedAndTheLossCounted(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      weave.respondWith(503);
      AppRun.Result traced = AppRun.on(jdk)
          .agent("project=team/p,trace.url=" + weave.baseUrl() + ",flush.timeout=3s")
          .run(ShortCliApp.class.getName(), "5", "0");

      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).isEqualTo("sum=30\n");
      assertThat(weave.awaitAttempts(2, Duration.ofSeconds(5))).as("retried").isGreaterThanOrEqualTo(2);
      assertThat(traced.stderr()).contains("6 of 6 spans were not delivered");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aFullQueueDropsAreCountedExactlyAndTheLibraryInsideStaysQuiet(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      weave.hang();
      AppRun.Result traced = AppRun.on(jdk)
          .agent("project=team/p,trace.url=" + weave.baseUrl() + ",flush.timeout=1s,export.queue.size=100")
          .run(ShortCliApp.class.getName(), "5000", "0");

      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).isEqualTo("sum=" + sumOfSquares(5000) + "\n");
      assertThat(traced.stderr()).contains("5001 of 5001 spans were not delivered to " + weave.baseUrl()
          + ": 0 failed to export, 4901 dropped from a full queue, 100 still unsent");
      assertThat(traced.stderr()).doesNotContain("BatchSpanProcessor");
    }
  }

  /** The app's own int arithmetic, overflow included. */
  private static int sumOfSquares(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += i * i;
    }
    return sum;
  }
}
