package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.ShortCliApp;
import dev.weft.testing.FakeWeave;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings reach the agent from its arguments, system properties and the environment; bad ones say so. */
class SettingsIT {
  private static final Jdks.Jdk JDK = Jdks.all().get(0);

  @Test
  void aBadSettingPrintsOneLineNamingTheKeyAndTheAppRunsUntraced() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK).agent("trace.url=" + weave.baseUrl() + ",sample.rate=2")
          .run(ShortCliApp.class.getName(), "3", "0");

      assertThat(run.exitCode()).isZero();
      assertThat(run.stdout()).isEqualTo("sum=5\n");
      assertThat(run.stderr().lines()).hasSize(1);
      assertThat(run.stderr()).contains("weft.sample.rate").contains("tracing is off");
      assertThat(weave.spans()).isEmpty();
    }
  }

  @Test
  void environmentAndWeaveAliasesConfigureTheAgent() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK).agent(null)
          .env("WEFT_PROJECT", "acme/env-project")
          .env("WF_TRACE_SERVER_URL", weave.baseUrl())
          .env("WANDB_API_KEY", "alias-key")
          .env("WEAVE_PRINT_CALL_LINK", "false")
          .run(ShortCliApp.class.getName(), "2", "0");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(weave.awaitSpans(3, Duration.ofSeconds(10))).hasSize(3);
      assertThat(weave.requests().get(0).header("project_id")).isEqualTo("acme/env-project");
      assertThat(weave.requests().get(0).header("Authorization")).isEqualTo("Basic YXBpOmFsaWFzLWtleQ==");
      assertThat(run.stderr()).doesNotContain("/r/call/").doesNotContain("alias-key");
    }
  }

  @Test
  void systemPropertiesConfigureTheAgentAndWeaveDisabledTurnsItOff() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result off = AppRun.on(JDK).agent(null)
          .jvmArg("-Dweft.trace.url=" + weave.baseUrl())
          .env("WEAVE_DISABLED", "true")
          .run(ShortCliApp.class.getName(), "2", "0");
      AppRun.Result on = AppRun.on(JDK).agent(null)
          .jvmArg("-Dweft.trace.url=" + weave.baseUrl())
          .jvmArg("-Dweft.project=acme/props")
          .run(ShortCliApp.class.getName(), "2", "0");

      assertThat(off.exitCode()).isZero();
      assertThat(on.exitCode()).isZero();
      assertThat(weave.awaitSpans(3, Duration.ofSeconds(10))).hasSize(3);
      assertThat(weave.requests()).allSatisfy(r -> assertThat(r.header("project_id")).isEqualTo("acme/props"));
    }
  }

  @Test
  void samplingDecidesPerRootAndChildrenFollow() throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result none = AppRun.on(JDK).agent("trace.url=" + weave.baseUrl() + ",sample.rate=0")
          .run(ShortCliApp.class.getName(), "5", "0");

      assertThat(none.exitCode()).isZero();
      assertThat(none.stdout()).isEqualTo("sum=30\n");
      assertThat(weave.spans()).isEmpty();
      assertThat(none.stderr()).doesNotContain("not delivered");
    }
  }

  @Test
  void theOtlpExporterSendsCanonicalAttributesToTheStandardEndpoint() throws Exception {
    try (FakeWeave collector = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(JDK).agent("exporter=otlp,project=team/otlp")
          .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.baseUrl() + "/otel/v1/traces")
          .env("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme")
          .run(ShortCliApp.class.getName(), "2", "0");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(collector.awaitSpans(3, Duration.ofSeconds(10))).hasSize(3);
      assertThat(collector.requests().get(0).header("x-tenant")).isEqualTo("acme");
      assertThat(collector.requests().get(0).header("project_id")).isNull();
      assertThat(collector.spans()).allSatisfy(s -> assertThat(s.attributes())
          .containsKey("weft.inputs").doesNotContainKey("inputs"));
    }
  }
}
