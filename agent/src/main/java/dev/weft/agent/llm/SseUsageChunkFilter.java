package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes the usage-only chunk from a chat stream the app did not ask usage for (see
 * {@link StreamOptions}), passing every other byte through unchanged and in order.
 *
 * <p>Contract: bytes go in as they arrive; what comes out is the same bytes minus each event
 * whose data is a JSON object with {@code "choices":[]} and a {@code usage} object — the whole
 * event, from its first line through its terminating blank line — and minus the {@code
 * "usage":null} member OpenAI adds to every other chunk once usage is asked for, so the app gets
 * the very bytes it would have got without asking. The bytes of an event are held
 * only until its blank line arrives, the moment an SSE client could first act on it, so the app
 * sees every event at the same moment. Bytes between events are never held. Lines may end with
 * LF, CRLF or CR, split anywhere. Not thread-safe: one filter per stream.
 */
public final class SseUsageChunkFilter {
  private static final byte[] EMPTY = new byte[0];
  private static final int IN_EVENT = 0;
  private static final int PASSED = 1;
  private static final int DROPPED = 2;
  private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private byte[] pending = new byte[512];
  private int pendingLength;
  /** Where the line being read starts in {@code pending}. */
  private int lineStart;
  private boolean afterCr;
  /** Where the last line terminator went: the LF of a CRLF pair follows it. */
  private int crOutcome;
  private int removed;

  /**
   * Filters the next bytes of the stream and returns those to hand to the app now (possibly
   * none; never null). The input array is not modified or kept.
   */
  public byte[] filter(byte[] bytes, int off, int len) {
    Output out = new Output(bytes);
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF pair goes where its CR went
        if (crOutcome == IN_EVENT) {
          append(b);
          lineStart = pendingLength;
        } else if (crOutcome == PASSED) {
          out.pass(i);
        }
        continue;
      }
      afterCr = b == '\r';
      boolean terminator = b == '\n' || b == '\r';
      if (pendingLength == 0 && terminator) {
        out.pass(i); // a blank line between events: nothing to decide
        crOutcome = PASSED;
        continue;
      }
      append(b);
      if (terminator) {
        crOutcome = endLine(out);
      }
    }
    return out.toArray();
  }

  /** Filters a whole array; see {@link #filter(byte[], int, int)}. */
  public byte[] filter(byte[] bytes) {
    return filter(bytes, 0, bytes.length);
  }

  /**
   * End of stream: returns the bytes of an event cut short of its blank line, unchanged unless it
   * is itself a usage-only event.
   */
  public byte[] finish() {
    if (pendingLength == 0) {
      return EMPTY;
    }
    byte[] rest = isUsageOnly() ? EMPTY : Arrays.copyOf(pending, withoutNullUsage());
    if (rest.length == 0) {
      removed++;
    }
    pendingLength = 0;
    lineStart = 0;
    return rest;
  }

  /** How many usage-only events were removed. */
  public int removedCount() {
    return removed;
  }

  /** Handles the line just ended in pending; returns where its terminator went. */
  private int endLine(Output out) {
    int lineLength = pendingLength - lineStart - 1; // without its terminator
    if (lineLength > 0) {
      lineStart = pendingLength;
      return IN_EVENT;
    }
    // A blank line: the event in pending is complete.
    boolean drop = isUsageOnly();
    if (drop) {
      removed++;
    } else {
      out.emit(pending, withoutNullUsage());
    }
    pendingLength = 0;
    lineStart = 0;
    return drop ? DROPPED : PASSED;
  }

  /**
   * Removes a {@code "usage":null} member (and its comma) from the event in pending; returns the
   * event's new length. A quote inside a JSON string is escaped, so {@code "usage"} is a key.
   */
  private int withoutNullUsage() {
    int at = indexOf(pending, pendingLength, USAGE);
    if (at < 0 || depthAt(at) != 1) {
      return pendingLength; // none, or one nested deeper (a Responses event's response.usage)
    }
    int i = skipSpaces(at + USAGE.length);
    if (i >= pendingLength || pending[i] != ':') {
      return pendingLength;
    }
    i = skipSpaces(i + 1);
    if (!nullAt(i)) {
      return pendingLength;
    }
    int start = at;
    int end = i + NULL.length;
    int before = at - 1;
    while (before >= 0 && (pending[before] == ' ' || pending[before] == '\t')) {
      before--;
    }
    int after = skipSpaces(end);
    if (before >= 0 && pending[before] == ',') {
      start = before;
    } else if (after < pendingLength && pending[after] == ',') {
      end = skipSpaces(after + 1);
    } else {
      return pendingLength; // not a member of an object with others: leave it
    }
    System.arraycopy(pending, end, pending, start, pendingLength - end);
    pendingLength -= end - start;
    return pendingLength;
  }

  /** How deep in JSON objects and arrays {@code index} of pending is, counted from the event's start. */
  private int depthAt(int index) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < index; i++) {
      byte b = pending[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return depth;
  }

  private boolean nullAt(int i) {
    if (i + NULL.length > pendingLength) {
      return false;
    }
    for (int j = 0; j < NULL.length; j++) {
      if (pending[i + j] != NULL[j]) {
        return false;
      }
    }
    return true;
  }

  private int skipSpaces(int from) {
    int i = from;
    while (i < pendingLength && (pending[i] == ' ' || pending[i] == '\t')) {
      i++;
    }
    return i;
  }

  private void append(byte b) {
    if (pendingLength == pending.length) {
      pending = Arrays.copyOf(pending, pending.length * 2);
    }
    pending[pendingLength++] = b;
  }

  /** Whether the event in pending is a usage-only chunk; cheap for every other event. */
  private boolean isUsageOnly() {
    if (indexOf(pending, pendingLength, USAGE) < 0) {
      return false;
    }
    byte[] data = data();
    try (JsonParser p = Json.FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean emptyChoices = false;
      boolean usage = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("choices")) {
          emptyChoices = t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.END_ARRAY;
        } else if (name.equals("usage")) {
          usage = t == JsonToken.START_OBJECT;
        }
        p.skipChildren();
      }
      return emptyChoices && usage;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The event's data lines joined with LF. */
  private byte[] data() {
    SseEventReader reader = new SseEventReader();
    DataCollector collector = new DataCollector();
    reader.feed(pending, 0, pendingLength, collector);
    reader.finish(collector);
    return collector.data;
  }

  private static int indexOf(byte[] bytes, int length, byte[] target) {
    outer:
    for (int i = 0; i + target.length <= length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (bytes[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static final class DataCollector extends SseEventReader.Listener {
    byte[] data = EMPTY;

    @Override
    void onEvent(String event, byte[] bytes, int length) {
      data = Arrays.copyOf(bytes, length);
    }
  }

  /** The bytes to hand over from one call: pass-through bytes and whole events, in order. */
  private static final class Output {
    private final byte[] input;
    private byte[] out = EMPTY;
    private int length;

    Output(byte[] input) {
      this.input = input;
    }

    void pass(int index) {
      emit(input, index, 1);
    }

    void emit(byte[] bytes, int count) {
      emit(bytes, 0, count);
    }

    private void emit(byte[] bytes, int from, int count) {
      if (length + count > out.length) {
        out = Arrays.copyOf(out, Math.max(Math.max(64, out.length * 2), length + count));
      }
      System.arraycopy(bytes, from, out, length, count);
      length += count;
    }

    byte[] toArray() {
      return length == out.length ? out : Arrays.copyOf(out, length);
    }
  }
}
