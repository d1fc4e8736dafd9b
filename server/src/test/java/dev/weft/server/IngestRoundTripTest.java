package dev.weft.server;

import static dev.weft.server.Otlp.attr;
import static dev.weft.server.Otlp.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRoundTripTest {

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String ROOT = "00f067aa0ba902b7";
  static final String LLM = "00f067aa0ba902b8";
  static final String TOOL = "00f067aa0ba902b9";

  @TempDir static Path dir;
  TestServer server;

  /** The store to run against: the embedded one here; subclasses choose another. */
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config;
  }

  @BeforeAll
  void start() {
    server = TestServer.start(dir, this::database);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** An agent step calling a model (with usage and a price) and a failing tool, as the Weave exporter sends them. */
  static Span.Builder[] pipeline(String trace, String root, String llm, String tool) {
    return new Span.Builder[] {
        span("openai.chat.completions.create", trace, llm, root, 10, 260,
            attr("inputs", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"messages\":[{\"role\":\"user\",\"content\":\"What is Weft?\"}]}"),
            attr("output", "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"A tracer.\"}}]}"),
            attr("weave.span.kind", "llm"), attr("gen_ai.response.model", "meta-llama/Llama-3.1-8B-Instruct"),
            attr("gen_ai.usage.prompt_tokens", 1200L), attr("gen_ai.usage.completion_tokens", 300L),
            attr("llm.usage.total_tokens", 1500L)),
        Otlp.failed(span("lookup", trace, tool, root, 270, 280, attr("inputs", "{\"key\":\"weft\"}"),
            attr("weave.span.kind", "tool")), "java.io.IOException", "not found", "java.io.IOException: not found\n"),
        span("answer_question", trace, root, null, 0, 300, attr("inputs", "{\"question\":\"What is Weft?\"}"),
            attr("output", "\"A tracer.\""), attr("weave.span.kind", "agent"), attr("wandb.display_name", "Answer")),
    };
  }

  @Test
  void protobufSpansAreStoredAndServedAsCallsTreesAndProjects() {
    ExportTraceServiceResponse response = server.export(
        Otlp.request(Otlp.project("acme", "proto"), pipeline(TRACE, ROOT, LLM, TOOL)));

    assertThat(response.hasPartialSuccess()).isFalse();
    JsonNode projects = server.get("/api/projects");
    assertThat(projects.toString()).contains("{\"name\":\"acme/proto\",\"team\":\"acme\",\"project\":\"proto\","
        + "\"calls\":3,\"traces\":1,\"last_call_at\":\"2025-01-01T00:00:00.270Z\"}");
    JsonNode call = server.get("/api/projects/acme/proto/calls/" + LLM);
    assertThat(call.get("op_name").asText()).isEqualTo("openai.chat.completions.create");
    assertThat(call.get("trace_id").asText()).isEqualTo(TRACE);
    assertThat(call.get("parent_id").asText()).isEqualTo(ROOT);
    assertThat(call.get("kind").asText()).isEqualTo("llm");
    assertThat(call.get("status").asText()).isEqualTo("success");
    assertThat(call.get("started_at").asText()).isEqualTo("2025-01-01T00:00:00.010Z");
    assertThat(call.get("ended_at").asText()).isEqualTo("2025-01-01T00:00:00.260Z");
    assertThat(call.get("latency_ms").asDouble()).isEqualTo(250.0);
    assertThat(call.get("model").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(call.get("inputs").toString()).isEqualTo("{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is Weft?\"}]}");
    assertThat(call.get("output").toString())
        .isEqualTo("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"A tracer.\"}}]}");
    assertThat(call.get("usage").toString()).isEqualTo("{\"meta-llama/Llama-3.1-8B-Instruct\":{\"prompt_tokens\":1200,"
        + "\"completion_tokens\":300,\"total_tokens\":1500,\"requests\":1,\"cost\":3.3E-4}}");
    assertThat(call.get("link").asText()).isEqualTo("/acme/proto/r/call/" + LLM);
    JsonNode tool = server.get("/api/projects/acme/proto/calls/" + TOOL);
    assertThat(tool.get("status").asText()).isEqualTo("error");
    assertThat(tool.get("exception").toString()).isEqualTo("{\"type\":\"java.io.IOException\",\"message\":\"not found\","
        + "\"stacktrace\":\"java.io.IOException: not found\\n\"}");
  }

  @Test
  void theTraceIsServedAsATreeWithRolledUpTokensAndCost() {
    server.export(Otlp.request(Otlp.project("acme", "tree"), pipeline(TRACE, ROOT, LLM, TOOL)));

    JsonNode trace = server.get("/api/projects/acme/tree/traces/" + TRACE);

    assertThat(trace.get("calls")).extracting(c -> c.get("id").asText() + "@" + c.get("depth").asInt()
            + " children=" + c.get("child_count").asInt() + " tokens=" + c.get("summary").get("total_tokens").asLong())
        .containsExactly(ROOT + "@0 children=2 tokens=1500", LLM + "@1 children=0 tokens=1500",
            TOOL + "@1 children=0 tokens=0");
    assertThat(trace.get("calls").get(0).get("display_name").asText()).isEqualTo("Answer");
    assertThat(trace.get("calls").get(0).get("summary").toString()).isEqualTo("{\"usage\":{\"meta-llama/Llama-3.1-8B-Instruct\":"
        + "{\"prompt_tokens\":1200,\"completion_tokens\":300,\"total_tokens\":1500,\"requests\":1,\"cost\":3.3E-4}},"
        + "\"total_tokens\":1500,\"cost\":3.3E-4}");
  }

  @Test
  void gzipProtobufIsAcceptedAndTheProjectIdHeaderWinsOverTheResource() {
    byte[] body = Otlp.gzip(Otlp.request(Otlp.project("acme", "ignored"), pipeline(TRACE, ROOT, LLM, TOOL)).toByteArray());

    HttpResponse<byte[]> response = server.post("application/x-protobuf", body, "Content-Encoding", "gzip",
        "project_id", "acme/gzipped");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    JsonNode roots = server.get("/api/projects/acme/gzipped/calls?root=true");
    assertThat(roots.get("total").asLong()).isEqualTo(1);
    assertThat(roots.get("calls").get(0).get("id").asText()).isEqualTo(ROOT);
    assertThat(server.send(server.request("/api/projects/acme/ignored/calls").GET()).body())
        .asString(StandardCharsets.UTF_8).contains("\"total\":0");
  }

  @Test
  void otlpJsonWithHexIdsIsAcceptedAndAnsweredInJson() {
    String json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
        + "{\"key\":\"wandb.entity\",\"value\":{\"stringValue\":\"acme\"}},"
        + "{\"key\":\"wandb.project\",\"value\":{\"stringValue\":\"json\"}}]},"
        + "\"scopeSpans\":[{\"scope\":{\"name\":\"manual\"},\"spans\":[{"
        + "\"traceId\":\"" + TRACE + "\",\"spanId\":\"" + ROOT + "\",\"name\":\"summarize\",\"kind\":1,"
        + "\"startTimeUnixNano\":\"1735689600000000000\",\"endTimeUnixNano\":\"1735689600500000000\","
        + "\"attributes\":[{\"key\":\"inputs\",\"value\":{\"stringValue\":\"{\\\"text\\\":\\\"long\\\"}\"}},"
        + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"42\"}},"
        + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":8}}],"
        + "\"status\":{\"code\":2,\"message\":\"timeout\"}}]}]}]}";

    HttpResponse<byte[]> response = server.post("application/json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestServer.text(response)).isEqualTo("{}");
    JsonNode call = server.get("/api/projects/acme/json/calls/" + ROOT);
    assertThat(call.get("op_name").asText()).isEqualTo("summarize");
    assertThat(call.get("inputs").toString()).isEqualTo("{\"text\":\"long\"}");
    assertThat(call.get("status").asText()).isEqualTo("error");
    assertThat(call.get("exception").toString()).isEqualTo("{\"type\":null,\"message\":\"timeout\",\"stacktrace\":null}");
    assertThat(call.get("summary").get("total_tokens").asLong()).isEqualTo(50);
  }

  @Test
  void spansNamingNoProjectGoToTheDefaultProject() {
    server.export(Otlp.request(List.of(attr("service.name", "x")),
        span("lonely", "11111111111111111111111111111111", "1111111111111111", null, 0, 1)));

    assertThat(server.get("/api/projects/weft/default/calls").get("calls").get(0).get("op_name").asText())
        .isEqualTo("lonely");
  }

  @Test
  void aRetriedRequestIsStoredOnce() {
    ExportTraceServiceRequest request = Otlp.request(Otlp.project("acme", "retry"), pipeline(TRACE, ROOT, LLM, TOOL));
    server.export(request);
    server.export(request);

    JsonNode roots = server.get("/api/projects/acme/retry/calls");
    assertThat(roots.get("total").asLong()).isEqualTo(3);
    assertThat(server.get("/api/projects/acme/retry/calls/" + ROOT).get("summary").get("total_tokens").asLong())
        .isEqualTo(1500);
  }
}
