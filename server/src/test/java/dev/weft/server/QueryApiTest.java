package dev.weft.server;

import static dev.weft.server.Otlp.attr;
import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

  static final String P = "/api/projects/acme/query";

  @TempDir static Path dir;
  TestServer server;

  /** The store to run against: the embedded one here; subclasses choose another. */
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config;
  }

  /** Five traces: root i starts at i seconds, lasts (5 - i) * 100 ms, has a child; root 3 fails. */
  @BeforeAll
  void start() {
    server = TestServer.start(dir, this::database);
    List<io.opentelemetry.proto.trace.v1.Span.Builder> spans = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String trace = String.format("%032x", i + 1);
      String root = String.format("%016x", 0x100 + i);
      String child = String.format("%016x", 0x200 + i);
      long start = i * 1000L;
      spans.add(span("step", trace, child, root, start + 1, start + 2,
          attr("inputs", "{\"n\":" + i + "}"), attr("gen_ai.usage.prompt_tokens", 10L * (i + 1)),
          attr("gen_ai.usage.completion_tokens", 1L)));
      io.opentelemetry.proto.trace.v1.Span.Builder rootSpan = span(i % 2 == 0 ? "plan" : "act", trace, root, null,
          start, start + (5 - i) * 100L, attr("inputs", "{\"question\":\"question " + i + (i == 4 ? " needle_%" : "") + "\"}"),
          attr("output", "\"answer " + i + "\""));
      spans.add(i == 3 ? Otlp.failed(rootSpan, "E", "boom", "s") : rootSpan);
    }
    server.export(Otlp.request(Otlp.project("acme", "query"), spans.toArray(new io.opentelemetry.proto.trace.v1.Span.Builder[0])));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void callsAreNewestFirstByDefault() {
    assertThat(ids("?root=true")).containsExactly("0104", "0103", "0102", "0101", "0100");
    assertThat(server.get(P + "/calls").get("total").asLong()).isEqualTo(10);
  }

  @Test
  void callsFilterByOpStatusAndRoot() {
    assertThat(ids("?op=plan")).containsExactly("0104", "0102", "0100");
    assertThat(ids("?status=error")).containsExactly("0103");
    assertThat(ids("?op=step&status=success&sort=started_at")).containsExactly("0200", "0201", "0202", "0203", "0204");
  }

  @Test
  void callsSortByLatencyTokensAndName() {
    assertThat(ids("?root=true&sort=latency")).containsExactly("0104", "0103", "0102", "0101", "0100");
    assertThat(ids("?root=true&sort=-latency")).containsExactly("0100", "0101", "0102", "0103", "0104");
    assertThat(ids("?root=true&sort=-tokens")).containsExactly("0104", "0103", "0102", "0101", "0100");
    assertThat(ids("?root=true&sort=op_name")).containsExactly("0101", "0103", "0100", "0102", "0104");
  }

  @Test
  void callsPageWithLimitAndOffsetAndCountTheWhole() {
    JsonNode page = server.get(P + "/calls?root=true&limit=2&offset=2");

    assertThat(ids(page)).containsExactly("0102", "0101");
    assertThat(page.get("total").asLong()).isEqualTo(5);
    assertThat(page.get("limit").asInt()).isEqualTo(2);
    assertThat(page.get("offset").asInt()).isEqualTo(2);
  }

  @Test
  void callsFilterByTimeRange() {
    assertThat(ids("?root=true&from=2025-01-01T00:00:01Z&to=2025-01-01T00:00:03Z"))
        .containsExactly("0102", "0101");
    assertThat(ids("?root=true&from=1735689603000")).containsExactly("0104", "0103");
  }

  @Test
  void textSearchLooksInInputsAndOutputsCaseInsensitivelyAndLiterally() {
    assertThat(ids("?q=QUESTION%202")).containsExactly("0102");
    assertThat(ids("?q=answer%203")).containsExactly("0103");
    assertThat(ids("?q=needle_%25")).containsExactly("0104");
    assertThat(ids("?q=le_%25x")).isEmpty();
    assertThat(ids("?q=%22n%22%3A1")).containsExactly("0201");
  }

  @Test
  void rootsCarryTheTokensOfTheirChildren() {
    JsonNode root = server.get(P + "/calls/0000000000000102");

    assertThat(root.get("summary").toString()).isEqualTo("{\"usage\":{\"usage\":{\"prompt_tokens\":30,"
        + "\"completion_tokens\":1,\"total_tokens\":31,\"requests\":1,\"cost\":null}},\"total_tokens\":31,\"cost\":null}");
    assertThat(root.get("usage").toString()).isEqualTo("{}");
  }

  @Test
  void opsListsEveryOpName() {
    assertThat(server.get(P + "/ops").toString()).isEqualTo("{\"ops\":[\"act\",\"plan\",\"step\"]}");
  }

  @Test
  void usageIsBucketedPerModel() {
    JsonNode usage = server.get(P + "/usage?from=2025-01-01&to=2025-01-02&bucket=hour");

    assertThat(usage.get("bucket_ms").asLong()).isEqualTo(3_600_000L);
    assertThat(usage.get("points").toString()).isEqualTo("[{\"prompt_tokens\":150,\"completion_tokens\":5,"
        + "\"total_tokens\":155,\"requests\":5,\"cost\":null,\"time\":\"2025-01-01T00:00:00Z\",\"time_ms\":1735689600000,"
        + "\"model\":\"usage\"}]");
    assertThat(usage.get("models").toString()).isEqualTo("{\"usage\":{\"prompt_tokens\":150,\"completion_tokens\":5,"
        + "\"total_tokens\":155,\"requests\":5,\"cost\":null}}");
  }

  @Test
  void badParametersAreAnswered400WithTheReason() {
    assertError(P + "/calls?status=running", 400, "status must be success or error, got 'running'");
    assertError(P + "/calls?sort=size", 400,
        "sort must be one of started_at, latency, tokens, cost, op_name (prefix - for descending), got 'size'");
    assertError(P + "/calls?limit=0", 400, "limit must be a whole number 1..1000, got '0'");
    assertError(P + "/calls?root=maybe", 400, "root must be true or false, got 'maybe'");
    assertError(P + "/calls?from=yesterday", 400,
        "from must be an ISO-8601 time (2025-01-31T12:00:00Z), a date or epoch milliseconds, got 'yesterday'");
    assertError(P + "/usage?bucket=week", 400, "bucket must be minute, hour or day, got 'week'");
  }

  @Test
  void unknownThingsAreAnswered404() {
    assertError(P + "/calls/ffffffffffffffff", 404, "no call ffffffffffffffff in acme/query");
    assertError(P + "/traces/ffffffffffffffffffffffffffffffff", 404,
        "no trace ffffffffffffffffffffffffffffffff in acme/query");
    assertError("/api/nothing", 404, "no such API: /api/nothing");
    assertError(P + "/spans", 404, "no such API: " + P + "/spans");
  }

  void assertError(String path, int status, String reason) {
    HttpResponse<byte[]> response = server.send(server.request(path).GET());
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(TestServer.json(response).get("error").asText()).isEqualTo(reason);
  }

  List<String> ids(String query) {
    return ids(server.get(P + "/calls" + query));
  }

  List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("calls").forEach(call -> ids.add(call.get("id").asText().substring(12)));
    return ids;
  }
}
