package dev.weft.server.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a span must be to become a call: valid ids, an end not before its start, a name of sane
 * length. Names and display names over Weave's limits are shortened as Weave does; absurd ones
 * (over {@link #MAX_NAME}) reject the span.
 */
final class SpanChecks {

  /** Longest span name accepted at all; Weave's op name limit applies after it. */
  static final int MAX_NAME = 4096;

  private SpanChecks() {}

  static void check(Span span) throws SpanConverter.Rejected {
    if (span.getName().length() > MAX_NAME) {
      throw new SpanConverter.Rejected("name is " + span.getName().length()
          + " characters long; the limit is " + MAX_NAME);
    }
    if (!validId(span.getTraceId(), 16)) {
      throw new SpanConverter.Rejected("trace_id must be 16 bytes and not all zero, got "
          + span.getTraceId().size() + " bytes");
    }
    if (!validId(span.getSpanId(), 8)) {
      throw new SpanConverter.Rejected("span_id must be 8 bytes and not all zero, got "
          + span.getSpanId().size() + " bytes");
    }
    if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
      throw new SpanConverter.Rejected("parent_span_id must be empty or 8 bytes, got "
          + span.getParentSpanId().size() + " bytes");
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    if (start <= 0) {
      throw new SpanConverter.Rejected("start_time_unix_nano must be a time after 1970, got "
          + Long.toUnsignedString(start));
    }
    if (end < start) {
      throw new SpanConverter.Rejected("end_time_unix_nano (" + Long.toUnsignedString(end)
          + ") is before start_time_unix_nano (" + start + ")");
    }
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  static String parentId(Span span) {
    ByteString parent = span.getParentSpanId();
    return parent.isEmpty() || allZero(parent) ? null : hex(parent);
  }

  /** Weave's op name: names of 128 characters or more are cut to 128, ending in ':' and 4 hex digits of their hash. */
  static String opName(String name) {
    if (name.length() < WeaveKeys.MAX_OP_NAME) {
      return name;
    }
    String hash = sha256Hex(name).substring(0, 4);
    return name.substring(0, WeaveKeys.MAX_OP_NAME - 5) + ":" + hash;
  }

  static String displayName(String name) {
    if (name == null || name.length() < WeaveKeys.MAX_DISPLAY_NAME) {
      return name;
    }
    return name.substring(0, WeaveKeys.MAX_DISPLAY_NAME - 3) + "...";
  }

  /** The span's name cut for an error message. */
  static String shortName(String name) {
    return name.length() <= 64 ? name : name.substring(0, 61) + "...";
  }

  private static boolean validId(ByteString id, int size) {
    return id.size() == size && !allZero(id);
  }

  private static boolean allZero(ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
