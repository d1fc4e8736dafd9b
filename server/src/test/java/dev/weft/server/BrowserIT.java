package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person sees in a real browser (Debian's {@code chromium} through {@code chromium-driver}):
 * the traces page and call pages for a trace the real agent produced, and for a model call with
 * tokens, cost and tool calls as the Weave exporter sends it.
 */
class BrowserIT {

  @TempDir static Path dir;
  static TestServer server;
  static WebDriver browser;
  static String agentRootId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    server.export(Otlp.request(Otlp.project("acme", "browser"),
        IngestRoundTripTest.pipeline(IngestRoundTripTest.TRACE, IngestRoundTripTest.ROOT, IngestRoundTripTest.LLM,
            IngestRoundTripTest.TOOL)));
    runTheSampleUnderTheAgent();
    runTheEvaluationSampleUnderTheAgent();
    agentRootId = server.get("/api/projects/it/browser/calls?root=true&status=success").get("calls").get(0)
        .get("id").asText();
    browser = chromium();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  @Test
  void theTracesPageListsTheAgentsTracesWithStatus() {
    browser.get(server.baseUrl() + "/it/browser");

    List<WebElement> rows = await(By.cssSelector("tr.call-row"), 2);
    assertThat(rows).extracting(row -> row.findElement(By.className("call-name")).getText())
        .containsExactly("answer_question", "answer_question");
    assertThat(rows).extracting(row -> row.findElement(By.className("status")).getText().replace("\n", " "))
        .containsExactlyInAnyOrder("✕ Error", "✓ Success");
    assertThat(browser.findElement(By.className("count")).getText()).isEqualTo("2 traces");
  }

  @Test
  void theAgentsCallLinkOpensTheCallInItsTree() {
    browser.get(server.baseUrl() + "/it/browser/r/call/" + agentRootId);

    List<WebElement> tree = await(By.cssSelector(".tree-row"), 5);
    assertThat(tree).extracting(row -> row.findElement(By.className("tree-name")).getText())
        .containsExactly("answer_question", "PipelineSample.retrieve", "draft answer", "PipelineSample.grounded",
            "PipelineSample.wordCount");
    assertThat(tree).extracting(row -> row.getAttribute("data-depth")).containsExactly("0", "1", "1", "1", "1");
    WebElement detail = await(By.cssSelector(".detail[data-call-id='" + agentRootId + "']"), 1).get(0);
    assertThat(detail.findElement(By.tagName("h2")).getText()).isEqualTo("answer_question");
    assertThat(detail.findElement(By.className("json")).getText()).contains("question", "\"How does Weft trace Java code?\"");
  }

  @Test
  void aModelCallShowsTokensCostAndTheChatWithItsToolCall() {
    browser.get(server.baseUrl() + "/acme/browser/r/call/" + IngestRoundTripTest.LLM);

    WebElement detail = await(By.cssSelector(".detail[data-call-id='" + IngestRoundTripTest.LLM + "']"), 1).get(0);
    assertThat(detail.findElement(By.cssSelector("[data-fact='tokens'] dd")).getText()).isEqualTo("1,500");
    assertThat(detail.findElement(By.cssSelector("[data-fact='cost'] dd")).getText()).isEqualTo("$0.00033");
    assertThat(detail.findElement(By.cssSelector("[data-fact='model'] dd")).getText())
        .isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(detail.findElements(By.cssSelector(".chat-message")))
        .extracting(m -> m.getAttribute("data-role") + ": " + m.findElement(By.className("chat-content")).getText())
        .containsExactly("user: What is Weft?", "assistant: A tracer.");
    assertThat(browser.findElement(By.cssSelector(".tree-row[data-depth='0'] .tree-tokens")).getText())
        .isEqualTo("1,500 tok");
    assertThat(browser.findElement(By.className("trace-tokens")).getText()).isEqualTo("1,500 tokens");
  }

  @Test
  void aFailedToolShowsItsException() {
    browser.get(server.baseUrl() + "/acme/browser/r/call/" + IngestRoundTripTest.TOOL);

    WebElement exception = await(By.cssSelector(".detail .exception-head"), 1).get(0);
    assertThat(exception.getText()).isEqualTo("java.io.IOException: not found");
  }

  @Test
  void theEvaluationsOfTheRealAgentAreComparedByMetricAndRowByRow() {
    browser.get(server.baseUrl() + "/it/evals/evaluations");
    List<WebElement> runs = await(By.cssSelector("tr.evaluation-row"), 2);
    assertThat(runs).extracting(row -> row.findElement(By.className("model-cell")).getText())
        .containsExactly(DEEPSEEK, LLAMA);
    runs.forEach(row -> row.findElement(By.cssSelector("input[type=checkbox]")).click());
    browser.findElement(By.className("compare-button")).click();

    List<WebElement> metrics = await(By.cssSelector("tr.metric-row"), 2);
    assertThat(browser.getCurrentUrl()).contains("/it/evals/evaluations/compare?ids=");
    WebElement exactMatch = browser.findElement(By.cssSelector("tr.metric-row[data-metric='exact_match.mean']"));
    assertThat(exactMatch.findElements(By.className("metric-value"))).extracting(WebElement::getText)
        .containsExactly("1.0000", "0.6667");
    assertThat(exactMatch.findElement(By.cssSelector(".metric-value.best")).getAttribute("data-run")).isEqualTo("0");
    assertThat(metrics.get(1).getAttribute("data-metric")).isEqualTo("model_latency.mean");
    List<WebElement> rows = await(By.cssSelector("tr.compare-row"), 6);
    WebElement spider = rows.stream().filter(r -> r.getText().contains("How many legs does a spider have?")).findFirst()
        .orElseThrow();
    assertThat(spider.findElements(By.className("compare-output"))).extracting(WebElement::getText)
        .containsExactly("8", "Eight");
    assertThat(spider.findElements(By.cssSelector(".score b"))).extracting(WebElement::getText)
        .containsExactly("1.0000", "0.0000");
  }

  @Test
  void thePublishedLeaderboardRanksTheModelsLatestRuns() {
    browser.get(server.baseUrl() + "/it/evals/leaderboard");

    List<WebElement> rows = await(By.cssSelector("tr.leaderboard-row"), 2);
    assertThat(browser.findElement(By.className("leaderboard-name")).getText()).isEqualTo("Inference Leaderboard");
    assertThat(rows).extracting(row -> row.getAttribute("data-model")).containsExactly(DEEPSEEK, LLAMA);
    assertThat(rows.get(0).findElements(By.className("lb-value")).get(0).getText()).isEqualTo("1.0000");
    assertThat(rows.get(1).findElements(By.className("lb-value")).get(0).getText()).isEqualTo("0.6667");
    assertThat(rows.get(1).findElements(By.className("lb-value")).get(0).getAttribute("class")).doesNotContain("best");
    rows.get(1).findElements(By.cssSelector(".lb-value a")).get(0).click();

    List<WebElement> evaluationRows = await(By.cssSelector("tr.eval-row"), 6);
    assertThat(browser.findElement(By.cssSelector(".model-badge")).getText()).isEqualTo(LLAMA);
    assertThat(evaluationRows).extracting(row -> row.findElement(By.className("output-cell")).getText())
        .contains("The largest planet is Jupiter.", "Eight", "Paris");
  }

  static List<WebElement> await(By selector, int count) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.numberOfElementsToBe(selector, count));
  }

  static WebDriver chromium() {
    Path driver = Path.of(System.getProperty("weft.test.chromedriver", "/usr/bin/chromedriver"));
    Path binary = Path.of(System.getProperty("weft.test.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(driver) || !Files.isExecutable(binary)) {
      throw new IllegalStateException("this test needs " + binary + " and " + driver
          + " (Debian: apt-get install chromium chromium-driver)");
    }
    ChromeOptions options = new ChromeOptions().setBinary(binary.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1400,900", "--user-data-dir=" + dir.resolve("chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3-0324";

  /** The evaluation sample against its offline stand-in: two runs of QA and a published leaderboard. */
  static void runTheEvaluationSampleUnderTheAgent() throws Exception {
    Path agent = AgentEndToEndIT.jar("weft.agent.jar", "../agent/target/weft-agent.jar");
    Path sample = AgentEndToEndIT.jar("weft.sample.evaluation.jar", "../samples/target/weft-sample-evaluation.jar");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + agent + "=trace.url=" + server.baseUrl(), "-Dweft.project=it/evals",
        "-jar", sample.toString()).redirectErrorStream(true);
    builder.environment().remove("WANDB_API_KEY");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(output).contains("OFFLINE STAND-IN", "model_latency.mean", "Leaderboard Inference Leaderboard",
        server.baseUrl() + "/it/evals/evaluations/compare?ids=");
    JsonNode runs = server.get("/api/projects/it/evals/evaluations").get("evaluations");
    assertThat(runs).as(output).hasSize(2);
    // Rows ran on pool threads: found through the evaluate call id they carry.
    assertThat(server.get("/api/projects/it/evals/evaluations/" + runs.get(0).get("id").asText()).get("row_count").asInt())
        .as(output).isEqualTo(6);
  }

  static void runTheSampleUnderTheAgent() throws Exception {
    Path agent = AgentEndToEndIT.jar("weft.agent.jar", "../agent/target/weft-agent.jar");
    Path sample = AgentEndToEndIT.jar("weft.sample.jar", "../samples/target/weft-sample-pipeline.jar");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + agent + "=trace.url=" + server.baseUrl(), "-Dweft.project=it/browser",
        "-jar", sample.toString(), "How does Weft trace Java code?").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    JsonNode roots = server.get("/api/projects/it/browser/calls?root=true");
    assertThat(roots.get("total").asLong()).as(output).isEqualTo(2);
  }
}
