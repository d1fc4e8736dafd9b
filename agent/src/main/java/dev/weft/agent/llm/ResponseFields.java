package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Id, model, finish reasons and usage of a ChatCompletion, Completion, Responses or list. */
final class ResponseFields {
  private ResponseFields() {}

  static void read(byte[] body, Map<String, Object> out) {
    if (body == null || body.length == 0) {
      return;
    }
    String id = null;
    String model = null;
    List<String> reasons = new ArrayList<>();
    Long[] usage = new Long[2];
    try (JsonParser p = Json.FACTORY.createParser(body)) {
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
        } else if (name.equals("choices")) {
          choiceReasons(p, t, reasons);
        } else if (name.equals("output")) {
          outputReasons(p, t, reasons);
        } else if (name.equals("usage")) {
          usage(p, t, usage);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      return; // not JSON or cut short: only the status is known
    }
    putIfPresent(out, LlmKeys.GEN_AI_RESPONSE_ID, id);
    putIfPresent(out, LlmKeys.GEN_AI_RESPONSE_MODEL, model);
    if (!reasons.isEmpty()) {
      out.put(LlmKeys.GEN_AI_RESPONSE_FINISH_REASONS, List.copyOf(reasons));
    }
    putIfPresent(out, LlmKeys.GEN_AI_USAGE_INPUT_TOKENS, usage[0]);
    putIfPresent(out, LlmKeys.GEN_AI_USAGE_OUTPUT_TOKENS, usage[1]);
  }

  /** choices[].finish_reason, in order; null reasons are left out. */
  private static void choiceReasons(JsonParser p, JsonToken t, List<String> reasons)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (nextObjectInArray(p)) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        String reason = name.equals("finish_reason") ? Json.string(p, value) : skip(p);
        if (reason != null) {
          reasons.add(reason);
        }
      }
    }
  }

  /**
   * Responses API: one reason per output message, from its status as the OpenTelemetry OpenAI
   * instrumentation maps it: completed is {@code stop}; failed, cancelled, incomplete stay.
   */
  private static void outputReasons(JsonParser p, JsonToken t, List<String> reasons)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (nextObjectInArray(p)) {
      String type = null;
      String status = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("type")) {
          type = Json.string(p, value);
        } else if (name.equals("status")) {
          status = Json.string(p, value);
        } else {
          p.skipChildren();
        }
      }
      if ("message".equals(type) && status != null) {
        if (status.equals("completed")) {
          reasons.add("stop");
        } else if (status.equals("failed") || status.equals("cancelled")
            || status.equals("incomplete")) {
          reasons.add(status);
        }
      }
    }
  }

  /** usage[0] = input tokens, usage[1] = output tokens, from either naming. */
  private static void usage(JsonParser p, JsonToken t, Long[] usage) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("prompt_tokens") || name.equals("input_tokens")) {
        usage[0] = Json.integer(p, value);
      } else if (name.equals("completion_tokens") || name.equals("output_tokens")) {
        usage[1] = Json.integer(p, value);
      } else {
        p.skipChildren();
      }
    }
  }

  /** Moves to the next object element of the current array, skipping others; false at its end. */
  private static boolean nextObjectInArray(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("unexpected end of input");
      }
      if (t == JsonToken.START_OBJECT) {
        return true;
      }
      p.skipChildren();
    }
    return false;
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
