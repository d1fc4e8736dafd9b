package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent ({@code agent/target/weft-agent.jar}) tracing the sample pipeline
 * ({@code samples/target/weft-sample-pipeline.jar}) in its own JVM, exporting to a real server. The
 * agent flushes before its JVM exits, so everything is stored once the process has ended.
 */
class AgentEndToEndIT {

  @TempDir static Path dir;
  static TestServer server;
  static String output;

  @BeforeAll
  static void runTheSampleUnderTheAgent() throws Exception {
    server = TestServer.start(dir);
    Path agent = jar("weft.agent.jar", "../agent/target/weft-agent.jar");
    Path sample = jar("weft.sample.jar", "../samples/target/weft-sample-pipeline.jar");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + agent + "=trace.url=" + server.baseUrl(), "-Dweft.project=it/pipeline",
        "-jar", sample.toString(), "How does Weft trace Java code?")
        .redirectErrorStream(true).start();
    output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void thePipelineIsOneTraceWithItsStepsAsChildren() throws Exception {
    JsonNode roots = server.get("/api/projects/it/pipeline/calls?root=true&status=success");
    assertThat(roots.get("total").asLong()).as(output).isEqualTo(1);
    JsonNode root = roots.get("calls").get(0);

    JsonNode trace = server.get("/api/projects/it/pipeline/traces/" + root.get("trace_id").asText());

    List<String> tree = new ArrayList<>();
    trace.get("calls").forEach(call -> tree.add(call.get("depth").asInt() + " " + call.get("op_name").asText()
        + " " + call.get("kind").asText() + " " + call.get("status").asText()));
    assertThat(tree).containsExactly("0 answer_question agent success", "1 PipelineSample.retrieve search success",
        "1 PipelineSample.draft llm success", "1 PipelineSample.grounded guardrail success",
        "1 PipelineSample.wordCount tool success");
    JsonNode call = server.get("/api/projects/it/pipeline/calls/" + root.get("id").asText());
    assertThat(call.get("inputs").toString()).isEqualTo("{\"question\":\"How does Weft trace Java code?\"}");
    assertThat(call.get("output").get("sources").toString()).isEqualTo("[\"doc-3\",\"doc-2\"]");
    // The sample's attributes are a Map.of: their order changes from run to run, so compare as objects.
    assertThat(call.get("attributes"))
        .isEqualTo(TestServer.JSON.readTree("{\"kind\":\"agent\",\"env\":\"local\",\"sample\":\"pipeline\"}"));
  }

  @Test
  void redactedAndDisplayNamedArgumentsArriveAsTheAgentSentThem() {
    JsonNode draft = server.get("/api/projects/it/pipeline/calls?op=PipelineSample.draft").get("calls").get(0);
    JsonNode call = server.get("/api/projects/it/pipeline/calls/" + draft.get("id").asText());

    assertThat(call.get("display_name").asText()).isEqualTo("draft answer");
    assertThat(call.get("inputs").get("apiKey").asText()).isEqualTo("REDACTED");
    assertThat(call.get("inputs").get("question").asText()).isEqualTo("How does Weft trace Java code?");
  }

  @Test
  void theFailedQuestionCarriesItsException() {
    JsonNode failed = server.get("/api/projects/it/pipeline/calls?root=true&status=error").get("calls");

    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("exception").get("type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(failed.get(0).get("exception").get("message").asText()).isEqualTo("question is empty");
    assertThat(failed.get(0).get("exception").get("stacktrace").asText())
        .startsWith("java.lang.IllegalArgumentException: question is empty\n\tat dev.weft.samples.PipelineSample.answer(");
  }

  @Test
  void everyLinkTheAgentPrintsOpensTheUiOnAStoredCall() {
    Matcher links = Pattern.compile("weft: trace " + Pattern.quote(server.baseUrl()) + "(/it/pipeline/r/call/([0-9a-f]{16}))")
        .matcher(output);
    int count = 0;
    while (links.find()) {
      count++;
      assertThat(server.send(server.request(links.group(1)).GET()).statusCode()).isEqualTo(200);
      assertThat(server.get("/api/projects/it/pipeline/calls/" + links.group(2)).get("parent_id").isNull()).isTrue();
    }
    assertThat(count).as(output).isEqualTo(2);
  }

  static Path jar(String property, String fallback) throws IOException {
    Path jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build it first (mvn -B -pl agent,samples -am package -DskipTests)");
    }
    return jar;
  }
}
