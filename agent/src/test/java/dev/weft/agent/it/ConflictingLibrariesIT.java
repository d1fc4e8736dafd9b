package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An app that bundles OkHttp 3, Jackson 2.9 and its own OpenTelemetry 1.10 (with its own
 * GlobalOpenTelemetry) runs with the agent exactly as without it, and its {@code @Op}s are traced.
 */
class ConflictingLibrariesIT {
  @TempDir
  static Path classes;
  static String libs;

  static List<Jdks.Jdk> jdks() {
    return Jdks.all();
  }

  @BeforeAll
  static void compileTheApp() throws Exception {
    libs = AppRun.jarsIn("target/conflict-libs");
    AppRun.compile("conflict/ConflictApp.java", libs, classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theAppsOwnLibrariesWinAndItsOutputIsUnchanged(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result plain = AppRun.on(jdk).classpath(classes.toString()).classpath(libs).run("ConflictApp");
      AppRun.Result traced = AppRun.on(jdk).classpath(classes.toString()).classpath(libs)
          .agent("project=team/conflict,trace.url=" + weave.baseUrl())
          .run("ConflictApp");

      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).isEqualTo(plain.stdout());
      assertThat(plain.stdout())
          .contains("okhttp=okhttp/3.14.9", "jackson=2.9.10", "otel.sdk=1.10.1", "fetched=200 hi",
              "json={\"a\":[1,\"x\"],\"b\":2}", "appSpans=[app-own-span]", "global=true");
      List<ReceivedSpan> spans = weave.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("ConflictApp.fetch", "ConflictApp.toJson");
      assertThat(spans).allSatisfy(s -> assertThat(s.isRoot()).isTrue());
    }
  }
}
