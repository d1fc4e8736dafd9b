package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.InitApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Weft.init} attaches the agent from the class path when the JVM was started without it. */
class WeftInitIT {
  private static final Jdks.Jdk JDK = Jdks.all().get(0);

  @Test
  void initAttachesTheAgentFromTheClassPathAndTracesTheAlreadyLoadedMainClass() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK)
          .classpath(AppRun.AGENT_JAR.toAbsolutePath().toString())
          .jvmArg("-Dweft.trace.url=" + weave.baseUrl())
          .run(InitApp.class.getName());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).isEqualTo("before=false\nafter=true\nhello init\ncall=false\n");
      List<ReceivedSpan> spans = weave.awaitSpans(1, Duration.ofSeconds(10));
      assertThat(spans).extracting(ReceivedSpan::name).containsExactly("InitApp.greet");
      assertThat(weave.requests().get(0).header("project_id")).isEqualTo("team/init");
    }
  }

  @Test
  void withoutTheAgentOnTheClassPathInitSaysSoInOneLineAndTheAppRuns() throws Exception {
    AppRun.Result run = AppRun.on(JDK).run(InitApp.class.getName());

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("before=false\nafter=false\nhello init\ncall=false\n");
    assertThat(run.stderr()).contains("weft-agent is not on the class path; tracing is off");
  }
}
