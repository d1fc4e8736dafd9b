package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request parameters named by the GenAI conventions. */
final class RequestFields {
  private RequestFields() {}

  static void read(byte[] body, Map<String, Object> out) {
    if (body == null || body.length == 0) {
      return;
    }
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      Map<String, Object> found = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        field(p, t, name, found);
      }
      putIfPresent(out, LlmKeys.GEN_AI_REQUEST_MODEL, found.get("model"));
      putIfPresent(out, LlmKeys.GEN_AI_REQUEST_TEMPERATURE, found.get("temperature"));
      putIfPresent(out, LlmKeys.GEN_AI_REQUEST_TOP_P, found.get("top_p"));
      putIfPresent(out, LlmKeys.GEN_AI_REQUEST_MAX_TOKENS, maxTokens(found));
      putIfPresent(out, LlmKeys.GEN_AI_REQUEST_STREAM, found.get("stream"));
    } catch (IOException | RuntimeException e) {
      // not JSON, or cut short: the fields read so far are dropped, inputs still show the body
    }
  }

  private static void field(JsonParser p, JsonToken t, String name, Map<String, Object> found)
      throws IOException {
    switch (name) {
      case "model":
        putIfPresent(found, name, Json.string(p, t));
        break;
      case "temperature":
      case "top_p":
        putIfPresent(found, name, Json.decimal(p, t));
        break;
      case "max_tokens":
      case "max_completion_tokens":
      case "max_output_tokens":
        putIfPresent(found, name, Json.integer(p, t));
        break;
      case "stream":
        putIfPresent(found, name, Json.bool(p, t));
        break;
      default:
        p.skipChildren();
    }
  }

  /** Chat's newer max_completion_tokens wins over its deprecated max_tokens. */
  private static Object maxTokens(Map<String, Object> found) {
    Object value = found.get("max_completion_tokens");
    if (value == null) {
      value = found.get("max_output_tokens");
    }
    return value != null ? value : found.get("max_tokens");
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
