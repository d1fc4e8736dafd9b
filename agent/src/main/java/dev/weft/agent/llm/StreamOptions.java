package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Asks a streamed chat or completion call for token usage the way Weave does: when the app's
 * request streams ({@code "stream": true}) and does not say whether to include usage, the
 * request is sent with {@code stream_options.include_usage} set to true, and the usage-only chunk
 * this adds is then hidden from the app with {@link SseUsageChunkFilter}.
 *
 * <p>The rewrite is a byte-level insertion: every other byte of the body (key order, spacing,
 * number text) stays as the app wrote it.
 */
public final class StreamOptions {
  private static final byte[] MEMBER =
      ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OBJECT = "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FIELD = "\"include_usage\":true".getBytes(StandardCharsets.UTF_8);

  private StreamOptions() {}

  /**
   * The body with {@code include_usage} added, or null when nothing is to change: the body is not
   * a JSON object, does not stream, or already sets {@code stream_options.include_usage} (true or
   * false: an explicit false is the app's choice). Meant for chat and completion calls only (the
   * Responses API always reports usage).
   */
  public static byte[] withIncludeUsage(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      return rewrite(p, body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] rewrite(JsonParser p, byte[] body) throws IOException {
    boolean stream = false;
    long optionsStart = -1; // offset of stream_options' value
    boolean optionsNull = false;
    boolean optionsEmpty = true;
    boolean optionsSet = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("stream")) {
        stream = t == JsonToken.VALUE_TRUE;
      } else if (name.equals("stream_options")) {
        optionsStart = offset(p);
        optionsNull = t == JsonToken.VALUE_NULL;
        if (t == JsonToken.START_OBJECT) {
          optionsEmpty = true;
          optionsSet = false;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            optionsEmpty = false;
            optionsSet |= p.currentName().equals("include_usage");
            p.nextToken();
            p.skipChildren();
          }
        } else if (!optionsNull) {
          return null; // not an object: leave a request we do not understand alone
        }
      } else {
        p.skipChildren();
      }
    }
    long end = offset(p); // the closing '}' of the body
    if (p.nextToken() != null || !stream || optionsSet) {
      return null;
    }
    if (optionsStart < 0) {
      return splice(body, (int) end, 0, MEMBER);
    }
    if (optionsNull) {
      return splice(body, (int) optionsStart, 4, OBJECT);
    }
    byte[] field = optionsEmpty ? FIELD : concat(FIELD, new byte[] {','});
    return splice(body, (int) optionsStart + 1, 0, field);
  }

  private static long offset(JsonParser p) {
    return p.currentTokenLocation().getByteOffset();
  }

  /** body with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
  private static byte[] splice(byte[] body, int at, int removed, byte[] inserted) {
    byte[] out = new byte[body.length - removed + inserted.length];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(body, at + removed, out, at + inserted.length, body.length - at - removed);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
