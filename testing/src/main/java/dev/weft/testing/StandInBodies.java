package dev.weft.testing;

import static dev.weft.testing.StandInReplies.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.testing.StandInReplies.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies and SSE events {@link OpenAiStandIn} sends, shaped as OpenAI sends them: field
 * order, nulls and all. Streams are lists of whole SSE events ({@code data: ...\n\n}).
 */
final class StandInBodies {
  static final String FINGERPRINT = "fp_standin";
  static final String DONE = "data: [DONE]\n\n";
  /** Characters of tool-call arguments per streamed delta. */
  private static final int ARGUMENT_PIECE = 8;

  private StandInBodies() {}

  static ObjectNode chatCompletion(String id, String model, Reply reply) {
    ObjectNode body = head(id, "chat.completion", model);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    message.put("content", reply.content());
    if (reply.toolCall() != null) {
      ObjectNode call = message.putArray("tool_calls").addObject()
          .put("id", reply.toolCall().id()).put("type", "function");
      call.putObject("function").put("name", reply.toolCall().name())
          .put("arguments", reply.toolCall().arguments());
    }
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(reply));
    body.set("usage", usage(reply));
    body.put("service_tier", "default");
    body.put("system_fingerprint", FINGERPRINT);
    return body;
  }

  /** Role first, content (or arguments) in pieces, the finish reason, usage if asked, [DONE]. */
  static List<String> chatChunks(String id, String model, Reply reply, boolean includeUsage) {
    List<String> events = new ArrayList<>();
    ObjectNode first = JSON.createObjectNode().put("role", "assistant");
    if (reply.toolCall() == null) {
      first.put("content", "");
    } else {
      first.putNull("content");
      ObjectNode call = first.putArray("tool_calls").addObject().put("index", 0)
          .put("id", reply.toolCall().id()).put("type", "function");
      call.putObject("function").put("name", reply.toolCall().name()).put("arguments", "");
    }
    first.putNull("refusal");
    events.add(chatChunk(id, model, first, null, includeUsage));
    if (reply.toolCall() == null) {
      for (String piece : words(reply.content())) {
        ObjectNode delta = JSON.createObjectNode().put("content", piece);
        events.add(chatChunk(id, model, delta, null, includeUsage));
      }
    } else {
      for (String piece : pieces(reply.toolCall().arguments(), ARGUMENT_PIECE)) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").addObject().put("index", 0)
            .putObject("function").put("arguments", piece);
        events.add(chatChunk(id, model, delta, null, includeUsage));
      }
    }
    events.add(chatChunk(id, model, JSON.createObjectNode(), finishReason(reply), includeUsage));
    if (includeUsage) {
      ObjectNode last = head(id, "chat.completion.chunk", model);
      last.put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
      last.putArray("choices");
      last.set("usage", usage(reply));
      events.add(data(last));
    }
    events.add(DONE);
    return events;
  }

  static ObjectNode completion(String id, String model, Reply reply) {
    ObjectNode body = head(id, "text_completion", model);
    body.put("system_fingerprint", FINGERPRINT);
    body.putArray("choices").addObject().put("text", reply.content()).put("index", 0)
        .putNull("logprobs").put("finish_reason", "stop");
    body.set("usage", usage(reply));
    return body;
  }

  static List<String> completionChunks(String id, String model, Reply reply,
      boolean includeUsage) {
    List<String> events = new ArrayList<>();
    List<String> pieces = new ArrayList<>(words(reply.content()));
    pieces.add("");
    for (int i = 0; i < pieces.size(); i++) {
      ObjectNode chunk = head(id, "text_completion", model);
      chunk.putArray("choices").addObject().put("text", pieces.get(i)).put("index", 0)
          .putNull("logprobs").put("finish_reason", i == pieces.size() - 1 ? "stop" : null);
      if (includeUsage) {
        chunk.putNull("usage");
      }
      events.add(data(chunk));
    }
    if (includeUsage) {
      ObjectNode last = head(id, "text_completion", model);
      last.putArray("choices");
      last.set("usage", usage(reply));
      events.add(data(last));
    }
    events.add(DONE);
    return events;
  }

  static ObjectNode embeddings(String model, List<JsonNode> embeddings, long tokens) {
    ObjectNode body = JSON.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (int i = 0; i < embeddings.size(); i++) {
      data.addObject().put("object", "embedding").put("index", i).set("embedding",
          embeddings.get(i));
    }
    body.put("model", model);
    body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return body;
  }

  static ObjectNode models(List<String> ids) {
    ObjectNode body = JSON.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    ids.forEach(id -> data.add(model(id)));
    return body;
  }

  static ObjectNode model(String id) {
    int slash = id.indexOf('/');
    return JSON.createObjectNode().put("id", id).put("object", "model")
        .put("created", OpenAiStandIn.CREATED)
        .put("owned_by", slash > 0 ? id.substring(0, slash) : "standin");
  }

  /** {@code {"error":{"message":..,"type":..,"param":null,"code":..}}} as OpenAI sends it. */
  static ObjectNode error(String message, String type, String code) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).putNull("param")
        .put("code", code);
    return body;
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>(List.of(text.split("(?=\\s)")));
    words.removeIf(String::isEmpty);
    return words;
  }

  static String data(JsonNode chunk) {
    return "data: " + chunk + "\n\n";
  }

  private static String chatChunk(String id, String model, ObjectNode delta, String finish,
      boolean includeUsage) {
    ObjectNode chunk = head(id, "chat.completion.chunk", model);
    chunk.put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return data(chunk);
  }

  private static ObjectNode head(String id, String object, String model) {
    return JSON.createObjectNode().put("id", id).put("object", object)
        .put("created", OpenAiStandIn.CREATED).put("model", model);
  }

  private static ObjectNode usage(Reply reply) {
    return JSON.createObjectNode().put("prompt_tokens", reply.promptTokens())
        .put("completion_tokens", reply.completionTokens())
        .put("total_tokens", reply.totalTokens());
  }

  private static String finishReason(Reply reply) {
    return reply.toolCall() == null ? "stop" : "tool_calls";
  }

  private static List<String> pieces(String text, int size) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      pieces.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return pieces;
  }
}
