package dev.weft.testing;

import static dev.weft.testing.StandInReplies.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.testing.StandInReplies.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Responses API bodies of {@link OpenAiStandIn}: the {@code response} object with one output
 * message, and its stream of typed events ({@code event: <type>} then {@code data: {...}}),
 * ending with {@code response.completed} and no {@code [DONE]}, as OpenAI streams it.
 */
final class StandInResponses {
  private StandInResponses() {}

  static ObjectNode response(String id, String messageId, JsonNode request, Reply reply,
      boolean completed) {
    ObjectNode body = JSON.createObjectNode().put("id", id).put("object", "response")
        .put("created_at", OpenAiStandIn.CREATED)
        .put("status", completed ? "completed" : "in_progress");
    body.putNull("error");
    body.putNull("incomplete_details");
    body.set("instructions", orNull(request.path("instructions")));
    body.set("max_output_tokens", orNull(request.path("max_output_tokens")));
    body.put("model", request.path("model").asText());
    if (completed) {
      body.putArray("output").add(message(messageId, reply.content(), true));
    } else {
      body.putArray("output");
    }
    body.put("parallel_tool_calls", true);
    body.putNull("previous_response_id");
    body.putObject("reasoning").putNull("effort").putNull("summary");
    body.put("store", false);
    body.put("temperature", request.path("temperature").asDouble(1.0));
    body.putObject("text").putObject("format").put("type", "text");
    body.put("tool_choice", "auto");
    body.putArray("tools");
    body.put("top_p", request.path("top_p").asDouble(1.0));
    body.put("truncation", "disabled");
    if (completed) {
      ObjectNode usage = body.putObject("usage").put("input_tokens", reply.promptTokens());
      usage.putObject("input_tokens_details").put("cached_tokens", 0);
      usage.put("output_tokens", reply.completionTokens());
      usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
      usage.put("total_tokens", reply.totalTokens());
    } else {
      body.putNull("usage");
    }
    body.putNull("user");
    body.putObject("metadata");
    return body;
  }

  static List<String> events(String id, String messageId, JsonNode request, Reply reply) {
    List<String> events = new ArrayList<>();
    ObjectNode inProgress = response(id, messageId, request, reply, false);
    events.add(event(events.size(), "response.created", "response", inProgress));
    events.add(event(events.size(), "response.in_progress", "response", inProgress));
    ObjectNode item = message(messageId, "", false);
    item.putArray("content");
    events.add(event(events.size(), "response.output_item.added", "item", item, 0, -1));
    ObjectNode emptyPart = part("");
    events.add(event(events.size(), "response.content_part.added", "part", emptyPart, 0, 0,
        messageId));
    for (String piece : StandInBodies.words(reply.content())) {
      events.add(event(events.size(), "response.output_text.delta", "delta",
          JSON.getNodeFactory().textNode(piece), 0, 0, messageId));
    }
    events.add(event(events.size(), "response.output_text.done", "text",
        JSON.getNodeFactory().textNode(reply.content()), 0, 0, messageId));
    events.add(event(events.size(), "response.content_part.done", "part",
        part(reply.content()), 0, 0, messageId));
    events.add(event(events.size(), "response.output_item.done", "item",
        message(messageId, reply.content(), true), 0, -1));
    events.add(event(events.size(), "response.completed", "response",
        response(id, messageId, request, reply, true)));
    return events;
  }

  private static ObjectNode message(String id, String text, boolean completed) {
    ObjectNode message = JSON.createObjectNode().put("type", "message").put("id", id)
        .put("status", completed ? "completed" : "in_progress").put("role", "assistant");
    message.putArray("content").add(part(text));
    return message;
  }

  private static ObjectNode part(String text) {
    ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  private static String event(int sequence, String type, String field, JsonNode value) {
    return event(sequence, type, field, value, -1, -1);
  }

  private static String event(int sequence, String type, String field, JsonNode value,
      int outputIndex, int contentIndex) {
    return event(sequence, type, field, value, outputIndex, contentIndex, null);
  }

  private static String event(int sequence, String type, String field, JsonNode value,
      int outputIndex, int contentIndex, String itemId) {
    ObjectNode data = JSON.createObjectNode().put("type", type).put("sequence_number", sequence);
    if (itemId != null) {
      data.put("item_id", itemId);
    }
    if (outputIndex >= 0) {
      data.put("output_index", outputIndex);
    }
    if (contentIndex >= 0) {
      data.put("content_index", contentIndex);
    }
    data.set(field, value);
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  private static JsonNode orNull(JsonNode node) {
    return node.isMissingNode() ? JSON.getNodeFactory().nullNode() : node;
  }
}
