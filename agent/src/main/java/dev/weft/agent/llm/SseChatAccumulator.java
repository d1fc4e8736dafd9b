package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Accumulates a streamed model call, fed the raw bytes of its {@code text/event-stream} body as
 * they arrive (split anywhere), into the one response a non-streamed call would have returned, the
 * way Weave's OpenAI integration does: id, model and created of the chunks; per choice index the
 * role, the content deltas concatenated, tool calls merged by their index with arguments
 * concatenated, and the finish reason; usage from the usage chunk. Legacy completion chunks give a
 * {@code text_completion}; a Responses API stream gives the response of its terminal event.
 *
 * <p>Never throws on any input: unreadable events are skipped. Not thread-safe: one accumulator
 * per stream, fed by one thread at a time.
 */
public final class SseChatAccumulator {
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final SseEventReader reader = new SseEventReader();
  private final Listener listener = new Listener();
  private final ChatState chat = new ChatState();
  private final ResponsesState responses = new ResponsesState();
  private boolean firstContent;
  private boolean done;
  private boolean usageOnlyChunk;
  private int events;
  private String streamError;

  /**
   * Feeds the next bytes of the stream. Returns true exactly once: from the call during which the
   * first chunk carrying content (text, refusal, tool call or arguments) completed, so the caller
   * can time the first content chunk.
   */
  public boolean feed(byte[] bytes, int off, int len) {
    boolean before = firstContent;
    reader.feed(bytes, off, len, listener);
    return !before && firstContent;
  }

  /** Feeds a whole array; see {@link #feed(byte[], int, int)}. */
  public boolean feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /**
   * Marks the end of the byte stream (normal end, early close or failure): an event cut short of
   * its blank line still counts. Returns true if that event carried the first content.
   */
  public boolean finish() {
    boolean before = firstContent;
    reader.finish(listener);
    return !before && firstContent;
  }

  /** Whether a chunk carrying content arrived. */
  public boolean hasContent() {
    return firstContent;
  }

  /** Whether the stream said it was complete: {@code data: [DONE]} or a Responses terminal event. */
  public boolean isDone() {
    return done;
  }

  /** Whether a usage-only chunk ({@code "choices":[]} with {@code usage}) arrived. */
  public boolean sawUsageOnlyChunk() {
    return usageOnlyChunk;
  }

  /** How many data events were read, {@code [DONE]} included. */
  public int eventCount() {
    return events;
  }

  /** The message of an error event in the stream ({@code {"error":{...}}} or {@code type:error}), or null. */
  public String streamError() {
    return streamError;
  }

  /**
   * The accumulated response as UTF-8 JSON (a {@code chat.completion}, a {@code text_completion}
   * or a Responses API {@code response}), unbounded: pass it to
   * {@link LlmCallParser#responseAttributes}. Null when no chunk was read.
   */
  public byte[] toJson() {
    try {
      if (responses.isUsed()) {
        return responses.toJson();
      }
      return chat.isUsed() ? chat.toJson() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void onData(byte[] data, int length) {
    events++;
    if (isDone(data, length)) {
      done = true;
      return;
    }
    try (JsonParser p = Json.FACTORY.createParser(data, 0, length)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        readChunk(p);
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable event: the app gets it anyway, the span skips it
    }
  }

  private void readChunk(JsonParser p) throws IOException {
    Chunk chunk = new Chunk();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (!chat.readField(p, t, name, chunk) && !readEventField(p, t, name, chunk)) {
        p.skipChildren();
      }
    }
    if (chunk.hasContent) {
      firstContent = true;
    }
    if (chunk.choices == 0 && chunk.choicesSeen && chunk.usageSeen) {
      usageOnlyChunk = true;
    }
    if (chunk.error != null) {
      streamError = chunk.error;
    }
    if (chunk.type != null) {
      onResponsesEvent(chunk);
    }
  }

  private boolean readEventField(JsonParser p, JsonToken t, String name, Chunk chunk)
      throws IOException {
    switch (name) {
      case "type":
        chunk.type = Json.string(p, t);
        return true;
      case "delta":
        chunk.delta = Json.string(p, t);
        return true;
      case "message":
        chunk.message = Json.string(p, t);
        return true;
      case "response":
        chunk.response = t == JsonToken.START_OBJECT ? raw(p) : null;
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
        }
        return true;
      case "error":
        chunk.error = t == JsonToken.START_OBJECT ? ErrorMessages.fromObject(p) : Json.string(p, t);
        return true;
      default:
        return false;
    }
  }

  private void onResponsesEvent(Chunk chunk) {
    String type = chunk.type;
    if (type.equals("error")) {
      streamError = chunk.message;
    } else if (type.startsWith("response.")) {
      responses.onEvent(type, chunk);
      if (type.endsWith(".delta") && chunk.delta != null && !chunk.delta.isEmpty()) {
        firstContent = true;
      }
      if (ResponsesState.isTerminal(type)) {
        done = true;
      }
    }
  }

  private static boolean isDone(byte[] data, int length) {
    int start = 0;
    int end = length;
    while (start < end && data[start] == ' ') {
      start++;
    }
    while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\n')) {
      end--;
    }
    if (end - start != DONE.length) {
      return false;
    }
    for (int i = 0; i < DONE.length; i++) {
      if (data[start + i] != DONE[i]) {
        return false;
      }
    }
    return true;
  }

  /** The value at the current START_OBJECT/START_ARRAY as compact JSON text. */
  static String raw(JsonParser p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  static byte[] write(Writable writable) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      writable.writeTo(g);
    }
    return out.toByteArray();
  }

  /** What one data event held, beyond what {@link ChatState} keeps. */
  static final class Chunk {
    boolean hasContent;
    boolean choicesSeen;
    int choices;
    boolean usageSeen;
    String type;
    String delta;
    String message;
    String response;
    String error;
  }

  /** Something that writes itself as one JSON value; a class rather than a lambda. */
  abstract static class Writable {
    abstract void writeTo(JsonGenerator g) throws IOException;
  }

  private final class Listener extends SseEventReader.Listener {
    @Override
    void onEvent(String event, byte[] data, int length) {
      onData(data, length);
    }
  }
}
