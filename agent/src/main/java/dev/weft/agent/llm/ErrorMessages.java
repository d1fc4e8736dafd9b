package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The server's message in an error body. OpenAI and W&B Inference send
 * {@code {"error":{"message":..,"type":..,"param":..,"code":..}}}; compatible servers also send
 * {@code {"error":"..."}}, {@code {"message":"..."}}, {@code {"detail":"..."}} or a one-element
 * array of such objects.
 */
final class ErrorMessages {
  private ErrorMessages() {}

  /** The message, or null when the body is not JSON or carries none. */
  static String of(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken();
      }
      return t == JsonToken.START_OBJECT ? fromObject(p) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the object whose START_OBJECT is current. */
  static String fromObject(JsonParser p) throws IOException {
    String error = null;
    String message = null;
    String detail = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("error")) {
        error = t == JsonToken.START_OBJECT ? fromObject(p) : Json.string(p, t);
      } else if (name.equals("message")) {
        message = Json.string(p, t);
      } else if (name.equals("detail")) {
        detail = Json.string(p, t);
      } else {
        p.skipChildren();
      }
    }
    if (error != null && !error.isEmpty()) {
      return error;
    }
    return message != null && !message.isEmpty() ? message : detail;
  }
}
