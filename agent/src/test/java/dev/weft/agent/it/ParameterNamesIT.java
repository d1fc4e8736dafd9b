package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeWeave;
import java.nio.file.Path;
import java.time.Duration;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Input names come from -parameters, else from debug info, else arg0, arg1, ... */
class ParameterNamesIT {
  @TempDir
  Path classes;

  @ParameterizedTest(name = "javac {0}")
  @CsvSource(delimiter = '|', value = {
      "-parameters    | {\"left\":1,\"right\":2}",
      "-g             | {\"left\":1,\"right\":2}",
      "-g:none        | {\"arg0\":1,\"arg1\":2}"})
  void inputNamesFollowWhatTheClassFileKnows(String flag, String inputs) throws Exception {
    int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, flag, "--release", "11",
        "-d", classes.toString(), "-cp", AppRun.codeSource(dev.weft.Op.class), "src/test/resources/apps/names/Named.java");
    assertThat(javac).isZero();
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result run = AppRun.on(Jdks.all().get(0)).classpath(classes.toString())
          .agent("trace.url=" + weave.baseUrl()).run("Named");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(weave.awaitSpans(1, Duration.ofSeconds(10)))
          .singleElement().satisfies(s -> assertThat(s.attr("inputs")).isEqualTo(inputs));
    }
  }
}
