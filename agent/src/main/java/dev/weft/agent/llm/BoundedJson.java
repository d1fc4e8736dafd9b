package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.agent.core.BoundedOutput;
import dev.weft.agent.core.BoundedOutput.BudgetExceeded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Re-writes a JSON body as compact JSON text within a byte budget, replacing the values of secret
 * keys by {@code "REDACTED"}. Numbers keep their exact text. When the whole body does not fit,
 * the copy is retried with long strings cut ({@code …[truncated N chars]}) and long arrays cut
 * ({@code …[N more items]}), each try abandoned as soon as its output passes the budget; if even
 * the tightest does not fit, the result is {@code {"_weft_truncated":"output over N bytes"}}. A
 * body that is not JSON is kept as text. The result is always valid JSON. Thread-safe.
 */
final class BoundedJson {
  static final String REDACTED = "REDACTED";
  static final String TRUNCATED_KEY = "_weft_truncated";
  static final String ELLIPSIS = "\u2026";
  /** Key under which a body that is not a JSON object is kept in an inputs object. */
  static final String BODY_KEY = "body";

  /** {maxStringChars, maxItems} of each try. */
  private static final int[][] CAPS = {
    {Integer.MAX_VALUE, Integer.MAX_VALUE}, {16_384, 1_000}, {1_024, 100}, {128, 10}
  };
  /** The smallest valid JSON object, "{}": smaller budgets are raised to it. */
  private static final int MIN_BYTES = 2;

  private final Predicate<String> isSecret;

  BoundedJson(Predicate<String> isSecret) {
    this.isSecret = Objects.requireNonNull(isSecret, "isSecret");
  }

  /** A JSON object: the body when it is one, else {@code {"body": <the body or its text>}}. */
  String object(byte[] body, int maxBytes, String what) {
    return render(body, true, maxBytes, what);
  }

  /** Any JSON value: the body, or its text as a JSON string when it is not JSON. */
  String value(byte[] body, int maxBytes, String what) {
    return render(body, false, maxBytes, what);
  }

  private String render(byte[] body, boolean object, int maxBytes, String what) {
    int budget = Math.max(MIN_BYTES, maxBytes);
    boolean json = true;
    for (int i = 0; i < CAPS.length; i++) {
      try {
        String text = attempt(body, object, json, CAPS[i], budget);
        if (text != null) {
          return text;
        }
      } catch (JsonProcessingException e) {
        if (!json) {
          break;
        }
        json = false; // not JSON: show it as text, from the loosest caps again
        i = -1;
      } catch (IOException | RuntimeException e) {
        break;
      }
    }
    String fallback = "{\"" + TRUNCATED_KEY + "\":\"" + what + " over " + budget + " bytes\"}";
    return fallback.length() <= budget ? fallback : "{}";
  }

  /** The JSON text, or null when it would exceed {@code budget}. */
  private String attempt(byte[] body, boolean object, boolean json, int[] caps, int budget)
      throws IOException {
    BoundedOutput out = new BoundedOutput(budget);
    JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8);
    try {
      if (json) {
        copyDocument(body, object, g, caps);
      } else {
        writeText(body, object, g, caps[0]);
      }
      g.close(); // flushes the tail, which may itself exceed the budget
      return out.toUtf8();
    } catch (BudgetExceeded e) {
      out.abandon();
      g.close();
      return null;
    }
  }

  private void copyDocument(byte[] body, boolean object, JsonGenerator g, int[] caps)
      throws IOException {
    if (body == null || body.length == 0) {
      writeEmpty(object, g);
      return;
    }
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        writeEmpty(object, g);
        return;
      }
      boolean wrap = object && t != JsonToken.START_OBJECT;
      if (wrap) {
        g.writeStartObject();
        g.writeFieldName(BODY_KEY);
      }
      copy(p, g, t, caps[0], caps[1]);
      if (wrap) {
        g.writeEndObject();
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "content after the JSON value");
      }
    }
  }

  private static void writeEmpty(boolean object, JsonGenerator g) throws IOException {
    if (object) {
      g.writeStartObject();
      g.writeEndObject();
    } else {
      g.writeNull();
    }
  }

  private static void writeText(byte[] body, boolean object, JsonGenerator g, int maxChars)
      throws IOException {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    if (object) {
      g.writeStartObject();
      g.writeFieldName(BODY_KEY);
    }
    g.writeString(truncate(text, maxChars));
    if (object) {
      g.writeEndObject();
    }
  }

  /** Copies the value starting at {@code t}, recursively. */
  private void copy(JsonParser p, JsonGenerator g, JsonToken t, int maxChars, int maxItems)
      throws IOException {
    switch (t) {
      case START_OBJECT:
        g.writeStartObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          g.writeFieldName(name);
          JsonToken value = p.nextToken();
          if (isSecret.test(name)) {
            p.skipChildren();
            g.writeString(REDACTED);
          } else {
            copy(p, g, value, maxChars, maxItems);
          }
        }
        g.writeEndObject();
        break;
      case START_ARRAY:
        copyArray(p, g, maxChars, maxItems);
        break;
      case VALUE_STRING:
        if (p.getTextLength() > maxChars) {
          g.writeString(truncate(p.getText(), maxChars));
        } else {
          g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        break;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        g.writeNumber(p.getText()); // the exact text: 0.70 stays 0.70
        break;
      case VALUE_TRUE:
        g.writeBoolean(true);
        break;
      case VALUE_FALSE:
        g.writeBoolean(false);
        break;
      case VALUE_NULL:
        g.writeNull();
        break;
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  private void copyArray(JsonParser p, JsonGenerator g, int maxChars, int maxItems)
      throws IOException {
    g.writeStartArray();
    long count = 0;
    JsonToken item;
    while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
      if (item == null) {
        throw new JsonParseException(p, "unexpected end of input");
      }
      if (count < maxItems) {
        copy(p, g, item, maxChars, maxItems);
      } else {
        p.skipChildren();
      }
      count++;
    }
    if (count > maxItems) {
      g.writeString(ELLIPSIS + "[" + (count - maxItems) + " more items]");
    }
    g.writeEndArray();
  }

  /**
   * {@code text} cut to {@code maxChars} UTF-16 units (never splitting a surrogate pair) followed
   * by {@code …[truncated N chars]}; the same marker as the agent's {@code @Op} capture.
   */
  static String truncate(String text, int maxChars) {
    int length = text.length();
    if (length <= maxChars) {
      return text;
    }
    int keep = maxChars;
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + ELLIPSIS + "[truncated " + (length - keep) + " chars]";
  }
}
