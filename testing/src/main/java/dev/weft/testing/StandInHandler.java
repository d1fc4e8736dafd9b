package dev.weft.testing;

import static dev.weft.testing.StandInReplies.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.weft.testing.OpenAiStandIn.Failure;
import dev.weft.testing.OpenAiStandIn.Request;
import dev.weft.testing.StandInReplies.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Answers {@link OpenAiStandIn}'s exchanges: record, fail as programmed, check, route, reply. */
final class StandInHandler implements HttpHandler {
  private static final String MISSING_KEY = "You didn't provide an API key. You need to provide "
      + "your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer "
      + "YOUR_KEY).";
  private static final String WRONG_KEY = "Incorrect API key provided.";

  private final OpenAiStandIn standIn;

  StandInHandler(OpenAiStandIn standIn) {
    this.standIn = standIn;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean dropped = false;
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      standIn.record(new Request(method, path, exchange.getRequestHeaders(), body));
      boolean admitted = standIn.enter();
      try {
        answer(exchange, method, path, body, admitted);
      } finally {
        standIn.exit();
      }
    } catch (DroppedConnection e) {
      dropped = true; // closing the exchange would end the chunked body properly
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the exchange is abandoned
    } finally {
      if (!dropped) {
        exchange.close();
      }
    }
  }

  private void answer(HttpExchange exchange, String method, String path, String body,
      boolean admitted) throws IOException, InterruptedException {
    Failure failure = standIn.takeFailure();
    if (failure != null) {
      error(exchange, failure.status(), failure.message(), null);
      return;
    }
    String keyProblem = keyProblem(exchange.getRequestHeaders().getFirst("Authorization"));
    if (keyProblem != null) {
      error(exchange, 401, keyProblem, keyProblem.equals(WRONG_KEY) ? "invalid_api_key" : null);
      return;
    }
    if (!admitted) {
      error(exchange, 429, OpenAiStandIn.CONCURRENCY_LIMIT_MESSAGE, null);
      return;
    }
    standIn.awaitRelease();
    route(exchange, method, path, body);
  }

  private String keyProblem(String authorization) {
    String key = standIn.requiredKey();
    if (key == null) {
      return null;
    }
    if (authorization == null || !authorization.startsWith("Bearer ")
        || authorization.substring(7).isBlank()) {
      return MISSING_KEY;
    }
    return authorization.equals("Bearer " + key) ? null : WRONG_KEY;
  }

  private void route(HttpExchange exchange, String method, String path, String body)
      throws IOException, InterruptedException {
    if (method.equals("GET") && path.equals("/v1/models")) {
      json(exchange, 200, StandInBodies.models(standIn.models()));
      return;
    }
    if (method.equals("GET") && path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (standIn.models().contains(id)) {
        json(exchange, 200, StandInBodies.model(id));
      } else {
        unknownModel(exchange, id);
      }
      return;
    }
    boolean known = List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
        "/v1/responses").contains(path);
    if (!method.equals("POST") || !known) {
      error(exchange, 404, "Invalid URL (" + method + " " + path + ")", null);
      return;
    }
    JsonNode request = parse(body);
    if (request == null) {
      error(exchange, 400, "We could not parse the JSON body of your request. (HINT: This likely "
          + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON "
          + "payload, but what was sent was not valid JSON.", null);
      return;
    }
    String model = request.path("model").asText("");
    if (model.isEmpty()) {
      error(exchange, 400, "you must provide a model parameter", null);
    } else if (!standIn.models().contains(model)) {
      unknownModel(exchange, model);
    } else {
      reply(exchange, path, request, model);
    }
  }

  private void reply(HttpExchange exchange, String path, JsonNode request, String model)
      throws IOException, InterruptedException {
    long n = standIn.nextId();
    boolean stream = request.path("stream").asBoolean(false);
    boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
    switch (path) {
      case "/v1/chat/completions" -> {
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
          error(exchange, 400, "Missing required parameter: 'messages'.", null);
          return;
        }
        Reply reply = StandInReplies.chat(request, "call_standin_" + n);
        String id = "chatcmpl-standin-" + n;
        if (stream) {
          sse(exchange, StandInBodies.chatChunks(id, model, reply, includeUsage));
        } else {
          json(exchange, 200, StandInBodies.chatCompletion(id, model, reply));
        }
      }
      case "/v1/completions" -> {
        Reply reply = StandInReplies.completion(request);
        String id = "cmpl-standin-" + n;
        if (stream) {
          sse(exchange, StandInBodies.completionChunks(id, model, reply, includeUsage));
        } else {
          json(exchange, 200, StandInBodies.completion(id, model, reply));
        }
      }
      case "/v1/embeddings" -> embeddings(exchange, request, model);
      default -> {
        Reply reply = StandInReplies.responses(request);
        String id = "resp_standin_" + n;
        String messageId = "msg_standin_" + n;
        if (stream) {
          sse(exchange, StandInResponses.events(id, messageId, request, reply));
        } else {
          json(exchange, 200, StandInResponses.response(id, messageId, request, reply, true));
        }
      }
    }
  }

  private static void embeddings(HttpExchange exchange, JsonNode request, String model)
      throws IOException {
    List<String> texts = StandInReplies.embeddingInputs(request.path("input"));
    int dimensions = request.path("dimensions").asInt(StandInReplies.DEFAULT_DIMENSIONS);
    boolean base64 = "base64".equals(request.path("encoding_format").asText());
    List<JsonNode> vectors = new ArrayList<>();
    long tokens = 0;
    for (String text : texts) {
      vectors.add(StandInReplies.embedding(StandInReplies.vector(text, dimensions), base64));
      tokens += StandInReplies.tokens(text);
    }
    json(exchange, 200, StandInBodies.embeddings(model, vectors, tokens));
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void unknownModel(HttpExchange exchange, String model) throws IOException {
    error(exchange, 404, "The model `" + model + "` does not exist or you do not have access to it.",
        "model_not_found");
  }

  /** OpenAI's error body; the type follows the status as OpenAI and W&B Inference send it. */
  private static void error(HttpExchange exchange, int status, String message, String code)
      throws IOException {
    Map<Integer, String[]> kinds = Map.of(
        401, new String[] {"invalid_request_error", null},
        402, new String[] {"insufficient_quota", "insufficient_quota"},
        403, new String[] {"request_forbidden", null},
        429, new String[] {"rate_limit_exceeded", "rate_limit_exceeded"},
        500, new String[] {"server_error", null});
    String[] kind = kinds.getOrDefault(status, new String[] {
        status >= 500 ? "server_error" : "invalid_request_error", null});
    json(exchange, status, StandInBodies.error(message, kind[0], code != null ? code : kind[1]));
  }

  private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Writes the events one by one, flushed, with the configured pause between them. */
  private void sse(HttpExchange exchange, List<String> events)
      throws IOException, InterruptedException {
    boolean drop = standIn.takeDropMidStream();
    long delay = standIn.chunkDelayNanos();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < events.size(); i++) {
      if (i > 0 && delay > 0) {
        TimeUnit.NANOSECONDS.sleep(delay);
      }
      out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (drop && i == 1) {
        // The JDK server closes the connection of an exchange whose handler throws, without
        // the chunked body's last chunk: the client sees a truncated stream.
        throw new DroppedConnection();
      }
    }
  }

  /** Thrown to make the server drop a connection mid-stream. */
  private static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("connection dropped mid-stream on purpose", null, false, false);
    }
  }
}
