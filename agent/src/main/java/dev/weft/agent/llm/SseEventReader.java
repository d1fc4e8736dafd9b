package dev.weft.agent.llm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental parser of the {@code text/event-stream} format: fed bytes split anywhere (inside
 * a line, a CRLF pair or a UTF-8 character), it reports each event once its blank line arrives.
 * Lines end with LF, CRLF or CR; {@code data} lines are joined with LF; comments and {@code id} and
 * {@code retry} fields are ignored. Not thread-safe: one reader per stream.
 */
final class SseEventReader {
  /** A line longer than this (a runaway or hostile stream) is dropped rather than buffered. */
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lineTooLong;
  private boolean afterCr;
  private byte[] data = new byte[256];
  private int dataLength;
  private boolean hasData;
  private String event;

  /** Receives whole events; {@code data} is only valid during the call. */
  abstract static class Listener {
    abstract void onEvent(String event, byte[] data, int length);
  }

  void feed(byte[] bytes, int off, int len, Listener listener) {
    int end = off + len;
    int start = off;
    for (int i = off; i < end; i++) {
      byte b = bytes[i];
      if (b != '\n' && b != '\r') {
        continue;
      }
      if (i > start) {
        afterCr = false;
        appendLine(bytes, start, i - start);
      }
      start = i + 1;
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF pair: the line ended at the CR
        continue;
      }
      afterCr = b == '\r';
      endLine(listener);
    }
    if (end > start) {
      afterCr = false;
      appendLine(bytes, start, end - start);
    }
  }

  /** End of stream: an event cut short of its blank line is still reported. */
  void finish(Listener listener) {
    if (lineLength > 0 || lineTooLong) {
      endLine(listener);
    }
    dispatch(listener);
  }

  private void appendLine(byte[] bytes, int off, int len) {
    if (len == 0) {
      return;
    }
    if (lineTooLong || len > MAX_LINE_BYTES - lineLength) {
      lineTooLong = true;
      return;
    }
    if (lineLength + len > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
    }
    System.arraycopy(bytes, off, line, lineLength, len);
    lineLength += len;
  }

  private void endLine(Listener listener) {
    if (lineTooLong) {
      lineTooLong = false;
      lineLength = 0;
      return;
    }
    if (lineLength == 0) {
      dispatch(listener);
      return;
    }
    int colon = indexOf(line, lineLength, (byte) ':');
    int nameEnd = colon < 0 ? lineLength : colon;
    int valueStart = colon < 0 ? lineLength : colon + 1;
    if (valueStart < lineLength && line[valueStart] == ' ') {
      valueStart++;
    }
    if (colon != 0) {
      field(nameEnd, valueStart);
    }
    lineLength = 0;
  }

  private void field(int nameEnd, int valueStart) {
    if (nameIs(DATA, nameEnd)) {
      int valueLength = lineLength - valueStart;
      int needed = dataLength + valueLength + 1;
      if (needed > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, needed));
      }
      if (hasData) {
        data[dataLength++] = '\n';
      }
      System.arraycopy(line, valueStart, data, dataLength, valueLength);
      dataLength += valueLength;
      hasData = true;
    } else if (nameIs(EVENT, nameEnd)) {
      event = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
    }
  }

  private void dispatch(Listener listener) {
    if (hasData) {
      listener.onEvent(event == null ? "message" : event, data, dataLength);
    }
    hasData = false;
    dataLength = 0;
    event = null;
  }

  private boolean nameIs(byte[] name, int nameEnd) {
    if (nameEnd != name.length) {
      return false;
    }
    for (int i = 0; i < nameEnd; i++) {
      if (line[i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int length, byte b) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
