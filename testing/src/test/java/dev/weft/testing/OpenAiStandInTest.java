package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OpenAiStandInTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";

  private final OpenAiStandIn llm = OpenAiStandIn.start().chunkDelay(Duration.ZERO);

  @AfterEach
  void close() {
    llm.close();
  }

  @Test
  void listensOnLoopbackAndListsTheTwelveWandbModels() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/models")).GET());

    assertThat(llm.baseUrl()).isEqualTo("http://127.0.0.1:" + llm.port() + "/v1");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    List<String> ids = new ArrayList<>();
    body.path("data").forEach(model -> ids.add(model.path("id").asText()));
    assertThat(ids).isEqualTo(OpenAiStandIn.MODELS).hasSize(12);
    assertThat(body.path("data").get(0).toString()).isEqualTo("{\"id\":\"openai/gpt-oss-120b\","
        + "\"object\":\"model\",\"created\":1750000000,\"owned_by\":\"openai\"}");
    assertThat(body.path("object").asText()).isEqualTo("list");
  }

  @Test
  void aChatGetsAPredictableChatCompletionWithUsage() {
    HttpResponse<String> response = post("/chat/completions", "{\"model\":\"" + LLAMA + "\","
        + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        + "{\"role\":\"user\",\"content\":\"Tell me a joke.\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    // 9 prompt words -> 12 tokens; 10 answer words -> 13 tokens.
    assertThat(response.body()).isEqualTo("{\"id\":\"chatcmpl-standin-1\",\"object\":"
        + "\"chat.completion\",\"created\":1750000000,\"model\":\"" + LLAMA + "\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Why don't scientists "
        + "trust atoms? Because they make up everything.\",\"refusal\":null,\"annotations\":[]},"
        + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
        + "\"completion_tokens\":13,\"total_tokens\":25},\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_standin\"}");
  }

  @Test
  void knownQuestionsGetTheirExactAnswerAndOthersAnEcho() {
    assertThat(content(chatWith(LLAMA, "What is 2 + 2?"))).isEqualTo("4");
    assertThat(content(chatWith(LLAMA, "  name a PRIMARY color. "))).isEqualTo("red");
    assertThat(content(chatWith(LLAMA, "hello there"))).isEqualTo("Stand-in reply to: hello there");
    assertThat(content(chatWith(LLAMA, "x".repeat(300)))).isEqualTo(
        "Stand-in reply to: " + "x".repeat(200) + "\u2026");
    assertThat(OpenAiStandIn.replyTo("What is 2 + 2?")).isEqualTo("4");
    assertThat(OpenAiStandIn.tokens("one two  three\nfour")).isEqualTo(5);
    assertThat(OpenAiStandIn.ANSWERS).containsEntry("name a primary color.", "red");
  }

  @Test
  void toolsGetACallOfTheFirstToolThenAnAnswerAfterTheToolMessage() {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"},"
        + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"days\":"
        + "{\"type\":\"integer\"}},\"required\":[\"location\",\"unit\"]}}},{\"type\":\"function\","
        + "\"function\":{\"name\":\"other\"}}]";

    JsonNode call = json(post("/chat/completions", "{\"model\":\"" + LLAMA + "\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]," + tools + "}"));
    JsonNode answer = json(post("/chat/completions", "{\"model\":\"" + LLAMA + "\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},{\"role\":\"assistant\","
        + "\"content\":null,\"tool_calls\":[{\"id\":\"call_standin_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\","
        + "\"tool_call_id\":\"call_standin_1\",\"content\":\"rainy, 12 C\"}]," + tools + "}"));

    assertThat(call.path("choices").get(0).toString()).isEqualTo("{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_standin_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
        + "\"{\\\"location\\\":\\\"Weather in Paris?\\\",\\\"unit\\\":\\\"celsius\\\"}\"}}],"
        + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}");
    assertThat(call.path("usage").toString())
        .isEqualTo("{\"prompt_tokens\":4,\"completion_tokens\":4,\"total_tokens\":8}");
    assertThat(content(answer)).isEqualTo("Stand-in answer from the tool result: rainy, 12 C");
    assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void aStreamSendsRoleContentFinishAndDoneWithoutUsageUnlessAsked() {
    HttpResponse<String> response = post("/chat/completions", "{\"model\":\"" + LLAMA + "\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say this is a test\"}]}");

    String head = "{\"id\":\"chatcmpl-standin-1\",\"object\":\"chat.completion.chunk\",\"created\":"
        + "1750000000,\"model\":\"" + LLAMA + "\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_standin\",\"choices\":[{\"index\":0,\"delta\":";
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).isEqualTo(
        "data: " + head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + "data: " + head + "{\"content\":\"This\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + "data: " + head + "{\"content\":\" is\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + "data: " + head + "{\"content\":\" a\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        + "data: " + head + "{\"content\":\" test.\"},\"logprobs\":null,\"finish_reason\":null}]}"
        + "\n\n"
        + "data: " + head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n");
  }

  @Test
  void includeUsageAddsNullUsageToEachChunkAndAFinalUsageOnlyChunk() {
    HttpResponse<String> response = post("/chat/completions", "{\"model\":\"" + LLAMA + "\","
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}");

    List<String> events = List.of(response.body().split("\n\n"));
    assertThat(events).hasSize(5);
    assertThat(events.subList(0, 3)).allSatisfy(event -> assertThat(event).endsWith(",\"usage\":null}"));
    assertThat(events.get(1)).contains("\"delta\":{\"content\":\"4\"}");
    assertThat(events.get(3)).isEqualTo("data: {\"id\":\"chatcmpl-standin-1\",\"object\":"
        + "\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"" + LLAMA + "\","
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_standin\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"total_tokens\":8}}");
    assertThat(events.get(4)).isEqualTo("data: [DONE]");
  }

  @Test
  void aStreamedToolCallSendsItsArgumentsInPiecesByIndex() {
    HttpResponse<String> response = post("/chat/completions", "{\"model\":\"" + LLAMA + "\","
        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Paris\"}],\"tools\":"
        + "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}}]}");

    List<String> deltas = new ArrayList<>();
    for (String event : response.body().split("\n\n")) {
      if (!event.equals("data: [DONE]")) {
        deltas.add(readJson(event.substring(6)).path("choices").get(0).path("delta").toString());
      }
    }
    assertThat(deltas).containsExactly(
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":"
            + "\"call_standin_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":\"\"}}],\"refusal\":null}",
        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"locati\"}}]}",
        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"on\\\":\\\"Par\"}}]}",
        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"is\\\"}\"}}]}",
        "{}");
    assertThat(response.body()).contains("\"finish_reason\":\"tool_calls\"");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aStreamIsFlushedChunkByChunk() throws Exception {
    llm.chunkDelay(Duration.ofMinutes(10));
    HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(uri("/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + LLAMA + "\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());

    // Only the first event exists for the next ten minutes: reading it proves it was flushed.
    String first = readEvent(response.body());
    assertThat(first).startsWith("data: {\"id\":\"chatcmpl-standin-1\"")
        .contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    response.body().close();
  }

  @Test
  void embeddingsAreDeterministicUnitVectorsAsFloatsOrBase64() throws Exception {
    llm.addModel("text-embedding-3-small");
    String request = "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha beta\",\"gamma\"],"
        + "\"dimensions\":4";
    JsonNode floats = json(post("/embeddings", request + "}"));
    JsonNode again = json(post("/embeddings", request + "}"));
    JsonNode base64 = json(post("/embeddings", request + ",\"encoding_format\":\"base64\"}"));

    assertThat(floats.path("data").get(0).path("embedding")).isEqualTo(
        again.path("data").get(0).path("embedding")).hasSize(4);
    assertThat(floats.path("data").get(1).path("index").asInt()).isEqualTo(1);
    assertThat(floats.path("usage").toString())
        .isEqualTo("{\"prompt_tokens\":4,\"total_tokens\":4}");
    double norm = 0;
    for (JsonNode x : floats.path("data").get(0).path("embedding")) {
      norm += x.asDouble() * x.asDouble();
    }
    assertThat(norm).isBetween(0.99999, 1.00001);
    ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(
        base64.path("data").get(0).path("embedding").asText())).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(decoded.getFloat())
        .isEqualTo((float) floats.path("data").get(0).path("embedding").get(0).asDouble());
  }

  @Test
  void theResponsesApiAnswersWithAResponseAndStreamsTypedEvents() {
    String request = "{\"model\":\"" + LLAMA + "\",\"instructions\":\"Be brief.\","
        + "\"input\":\"What is 2 + 2?\"";
    JsonNode response = json(post("/responses", request + "}"));
    HttpResponse<String> stream = post("/responses", request + ",\"stream\":true}");

    assertThat(response.path("id").asText()).isEqualTo("resp_standin_1");
    assertThat(response.path("status").asText()).isEqualTo("completed");
    assertThat(response.path("output").toString()).isEqualTo("[{\"type\":\"message\",\"id\":"
        + "\"msg_standin_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":"
        + "[{\"type\":\"output_text\",\"text\":\"4\",\"annotations\":[]}]}]");
    assertThat(response.path("usage").toString()).isEqualTo("{\"input_tokens\":9,"
        + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":1,"
        + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":10}");
    List<String> types = new ArrayList<>();
    for (String event : stream.body().split("\n\n")) {
      types.add(event.substring("event: ".length(), event.indexOf('\n')));
    }
    assertThat(types).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.completed");
    assertThat(stream.body()).contains("\"delta\":\"4\"").doesNotContain("[DONE]");
  }

  @Test
  void legacyCompletionsAnswerTheirPrompt() {
    JsonNode response = json(post("/completions",
        "{\"model\":\"" + LLAMA + "\",\"prompt\":\"Say this is a test\"}"));

    assertThat(response.path("object").asText()).isEqualTo("text_completion");
    assertThat(response.path("choices").toString()).isEqualTo("[{\"text\":\"This is a test.\","
        + "\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]");
    assertThat(response.path("usage").toString())
        .isEqualTo("{\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12}");
  }

  @Test
  void anUnknownModelIs404WithOpenAisErrorBody() {
    HttpResponse<String> response = chatWith("gpt-9", "hi");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"The model `gpt-9` does not "
        + "exist or you do not have access to it.\",\"type\":\"invalid_request_error\","
        + "\"param\":null,\"code\":\"model_not_found\"}}");
  }

  @Test
  void aRequiredKeyMustComeAsBearerToken() {
    llm.requireKey("wandb-key");

    HttpResponse<String> missing = chatWith(LLAMA, "hi");
    HttpResponse<String> wrong = send(json("/chat/completions", chatBody(LLAMA, "hi"))
        .header("Authorization", "Bearer other"));
    HttpResponse<String> right = send(json("/chat/completions", chatBody(LLAMA, "hi"))
        .header("Authorization", "Bearer wandb-key"));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(readJson(missing.body()).path("error").path("message").asText())
        .startsWith("You didn't provide an API key.");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("{\"error\":{\"message\":\"Incorrect API key provided.\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    assertThat(right.statusCode()).isEqualTo(200);
  }

  @Test
  void programmedFailuresComeOnceOrUntilStopped() {
    llm.failNext(402, "Insufficient credits").failNext(403, "Country, region, or territory not supported");

    HttpResponse<String> credits = chat(LLAMA);
    HttpResponse<String> region = chat(LLAMA);
    HttpResponse<String> fine = chat(LLAMA);
    llm.failAlways(500, "The server had an error while processing your request.");
    HttpResponse<String> broken = chat(LLAMA);
    HttpResponse<String> stillBroken = chat(LLAMA);
    llm.stopFailing();

    assertThat(credits.statusCode()).isEqualTo(402);
    assertThat(credits.body()).isEqualTo("{\"error\":{\"message\":\"Insufficient credits\","
        + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
    assertThat(region.statusCode()).isEqualTo(403);
    assertThat(region.body()).isEqualTo("{\"error\":{\"message\":\"Country, region, or territory "
        + "not supported\",\"type\":\"request_forbidden\",\"param\":null,\"code\":null}}");
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(stillBroken.body()).isEqualTo("{\"error\":{\"message\":\"The server had an error "
        + "while processing your request.\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":null}}");
    assertThat(chat(LLAMA).statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestAboveTheConcurrencyLimitGets429() throws Exception {
    llm.limitConcurrency(1).holdReplies();
    CompletableFuture<HttpResponse<String>> first = CLIENT.sendAsync(
        json("/chat/completions", chatBody(LLAMA, "first")).build(),
        HttpResponse.BodyHandlers.ofString());
    llm.awaitRequests(1, TIMEOUT);

    HttpResponse<String> second = chat(LLAMA);
    llm.releaseReplies();

    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.body()).isEqualTo("{\"error\":{\"message\":\"Concurrency limit reached for "
        + "requests\",\"type\":\"rate_limit_exceeded\",\"param\":null,"
        + "\"code\":\"rate_limit_exceeded\"}}");
    assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(chat(LLAMA).statusCode()).isEqualTo(200);
  }

  @Test
  void aDroppedConnectionFailsTheStreamMidWay() {
    llm.dropConnectionMidStream();

    assertThatThrownBy(() -> CLIENT.send(json("/chat/completions", "{\"model\":\"" + LLAMA
        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}").build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    assertThat(chat(LLAMA).statusCode()).isEqualTo(200);
  }

  @Test
  void badRequestsGetOpenAisErrors() {
    HttpResponse<String> path = post("/images/generations", "{}");
    HttpResponse<String> notJson = post("/chat/completions", "{oops");
    HttpResponse<String> noModel = post("/chat/completions", "{\"messages\":[]}");
    HttpResponse<String> noMessages = post("/chat/completions", "{\"model\":\"" + LLAMA + "\"}");

    assertThat(path.statusCode()).isEqualTo(404);
    assertThat(readJson(path.body()).path("error").path("message").asText())
        .isEqualTo("Invalid URL (POST /v1/images/generations)");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(noModel.statusCode()).isEqualTo(400);
    assertThat(readJson(noModel.body()).path("error").path("message").asText())
        .isEqualTo("you must provide a model parameter");
    assertThat(noMessages.statusCode()).isEqualTo(400);
  }

  @Test
  void everyRequestIsRecordedWithCaseInsensitiveHeadersThatNeverPrint() {
    send(json("/chat/completions", chatBody(LLAMA, "hi"))
        .header("Authorization", "Bearer secret-key").header("OpenAI-Project", "team/proj"));

    OpenAiStandIn.Request request = llm.awaitRequests(1, TIMEOUT).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("openai-project")).isEqualTo("team/proj");
    assertThat(request.header("AUTHORIZATION")).isEqualTo("Bearer secret-key");
    assertThat(request.body()).isEqualTo(chatBody(LLAMA, "hi"));
    assertThat(request.toString()).doesNotContain("secret-key").contains("Authorization=OBFUSCATED");
    llm.clear();
    assertThat(llm.requests()).isEmpty();
  }

  @Test
  void waitingForRequestsThatNeverComeFails() {
    assertThatThrownBy(() -> llm.awaitRequests(1, Duration.ofMillis(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("OpenAiStandIn: expected at least 1 requests within PT0.001S");
  }

  private URI uri(String path) {
    return URI.create(llm.baseUrl() + path);
  }

  private HttpRequest.Builder json(String path, String body) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> post(String path, String body) {
    return send(json(path, body));
  }

  private static String chatBody(String model, String message) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + message + "\"}]}";
  }

  private HttpResponse<String> chatWith(String model, String message) {
    return post("/chat/completions", chatBody(model, message));
  }

  private HttpResponse<String> chat(String model) {
    return chatWith(model, "hi");
  }

  private static String content(JsonNode completion) {
    return completion.path("choices").get(0).path("message").path("content").asText();
  }

  private static String content(HttpResponse<String> response) {
    return content(json(response));
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return readJson(response.body());
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Reads one SSE event, up to its blank line. */
  private static String readEvent(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      sb.append((char) b);
      if (sb.length() >= 2 && sb.charAt(sb.length() - 1) == '\n'
          && sb.charAt(sb.length() - 2) == '\n') {
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return sb.toString();
  }
}
