package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main} in its own JVM: what a person running {@code java -jar weft-server.jar} sees. */
class MainProcessTest {

  @TempDir Path dir;

  @Test
  void startingPrintsOneLineWithTheUiUrl() throws Exception {
    Process process = java("--port", "0", "--data-dir", dir.toString());
    try {
      String line = CompletableFuture.supplyAsync(() -> firstLine(process))
          .get(60, TimeUnit.SECONDS);

      assertThat(line).matches("weft-server: UI at http://127\\.0\\.0\\.1:\\d+/ \\(store: sqlite "
          + java.util.regex.Pattern.quote(dir.resolve("weft.db").toString())
          + "; ingest: POST http://127\\.0\\.0\\.1:\\d+/otel/v1/traces\\)");
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBadFlagPrintsOneLineNamingItAndExitsWith2() throws Exception {
    Process process = java("--port", "-5");

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(lines(process)).containsExactly("weft-server: --port must be a whole number 0..65535, got '-5'");
  }

  @Test
  void aBusyPortPrintsWhyAndExitsWith1() throws Exception {
    try (TestServer running = TestServer.start(dir.resolve("first"))) {
      Process process = java("--port", String.valueOf(running.server().port()), "--data-dir", dir.resolve("second").toString());

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(lines(process)).singleElement().asString()
          .startsWith("weft-server: cannot listen on 127.0.0.1:" + running.server().port() + ": ");
    }
  }

  static Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xshare:auto", Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  static String firstLine(Process process) {
    try {
      return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> lines(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }
}
