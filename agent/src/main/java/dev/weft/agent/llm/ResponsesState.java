package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.agent.llm.SseChatAccumulator.Chunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the events of a Responses API stream have said so far. The terminal event
 * ({@code response.completed}, {@code .failed}, {@code .incomplete}) carries the whole response,
 * which is the output; a stream that ends before it gives the text deltas read so far.
 */
final class ResponsesState extends SseChatAccumulator.Writable {
  private boolean used;
  private String id;
  private String model;
  private String terminal;
  private final StringBuilder text = new StringBuilder();

  static boolean isTerminal(String type) {
    return type.equals("response.completed") || type.equals("response.failed")
        || type.equals("response.incomplete");
  }

  boolean isUsed() {
    return used;
  }

  void onEvent(String type, Chunk chunk) {
    used = true;
    if (type.equals("response.output_text.delta") && chunk.delta != null) {
      text.append(chunk.delta);
    } else if (chunk.response != null) {
      if (isTerminal(type)) {
        terminal = chunk.response;
      } else {
        readIdAndModel(chunk.response);
      }
    }
  }

  byte[] toJson() throws IOException {
    return terminal != null
        ? terminal.getBytes(StandardCharsets.UTF_8)
        : SseChatAccumulator.write(this);
  }

  @Override
  void writeTo(JsonGenerator g) throws IOException {
    g.writeStartObject();
    ChatState.writeIfPresent(g, "id", id);
    g.writeStringField("object", "response");
    ChatState.writeIfPresent(g, "model", model);
    g.writeStringField("status", "in_progress");
    g.writeArrayFieldStart("output");
    if (text.length() > 0) {
      g.writeStartObject();
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "output_text");
      g.writeStringField("text", text.toString());
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void readIdAndModel(String response) {
    try (JsonParser p = Json.FACTORY.createParser(response)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("id")) {
          id = Json.string(p, t);
        } else if (name.equals("model")) {
          model = Json.string(p, t);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep what was read
    }
  }
}
