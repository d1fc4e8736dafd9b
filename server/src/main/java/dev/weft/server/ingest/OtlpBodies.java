package dev.weft.server.ingest;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * OTLP/HTTP trace bodies: protobuf or JSON, plain, gzip or deflate, in and out. Decompression is
 * bounded, so a small gzip bomb is answered 413 like a large body.
 */
public final class OtlpBodies {

  /** OTLP's protobuf media type. */
  public static final String PROTOBUF = "application/x-protobuf";
  /** OTLP's JSON media type. */
  public static final String JSON = "application/json";

  // OTLP/JSON writes ids as hex where protobuf's JSON mapping expects base64.
  private static final Pattern JSON_ID = Pattern.compile(
      "\"(traceId|spanId|parentSpanId|trace_id|span_id|parent_span_id)\"(\\s*:\\s*)\"([0-9a-fA-F]*)\"");

  private OtlpBodies() {}

  /** A body that cannot be taken, with the HTTP status to answer. */
  public static final class BodyError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BodyError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    /** Returns the HTTP status: 400, 413 or 415. */
    public int status() {
      return status;
    }
  }

  /** Returns {@link #PROTOBUF} or {@link #JSON} for a Content-Type header, or null. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (PROTOBUF.equals(type) || "application/protobuf".equals(type)) {
      return PROTOBUF;
    }
    return JSON.equals(type) ? JSON : null;
  }

  /** Returns the body without its Content-Encoding, at most {@code maxBytes} long. */
  public static byte[] decompress(String encoding, byte[] body, int maxBytes) throws BodyError {
    String name = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || "identity".equals(name)) {
      return body;
    }
    try (InputStream in = open(name, body)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, maxBytes));
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > maxBytes) {
          throw new BodyError(413, "the " + name + " body inflates to more than " + maxBytes
              + " bytes, the limit");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BodyError(400, "invalid " + name + " body: " + e.getMessage());
    }
  }

  private static InputStream open(String encoding, byte[] body) throws IOException, BodyError {
    if ("gzip".equals(encoding) || "x-gzip".equals(encoding)) {
      return new GZIPInputStream(new ByteArrayInputStream(body));
    }
    if ("deflate".equals(encoding)) {
      return new InflaterInputStream(new ByteArrayInputStream(body));
    }
    throw new BodyError(415, "unsupported Content-Encoding '" + encoding
        + "'; use gzip, deflate or none");
  }

  /** Parses an uncompressed body of {@code mediaType}. */
  public static ExportTraceServiceRequest parse(String mediaType, byte[] plain) throws BodyError {
    try {
      if (JSON.equals(mediaType)) {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().ignoringUnknownFields()
            .merge(hexIdsToBase64(new String(plain, StandardCharsets.UTF_8)), builder);
        return builder.build();
      }
      return ExportTraceServiceRequest.parseFrom(plain);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      String kind = JSON.equals(mediaType) ? "OTLP JSON" : "OTLP protobuf";
      throw new BodyError(400, "invalid " + kind + " body: " + e.getMessage());
    }
  }

  /** The OTLP export response, with {@code partial_success} when spans were rejected. */
  public static byte[] response(String mediaType, int rejected, String errorMessage) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (rejected > 0) {
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(rejected).setErrorMessage(errorMessage));
    }
    if (JSON.equals(mediaType)) {
      try {
        return JsonFormat.printer().omittingInsignificantWhitespace().print(response)
            .getBytes(StandardCharsets.UTF_8);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    }
    return response.build().toByteArray();
  }

  /**
   * An OTLP error body: {@code google.rpc.Status} with {@code code} and {@code message}, in the
   * request's encoding (OTLP/HTTP asks for it; exporters log its message).
   */
  public static byte[] status(String mediaType, int grpcCode, String message) {
    if (JSON.equals(mediaType)) {
      String text = "{\"code\":" + grpcCode + ",\"message\":" + quote(message) + "}";
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, grpcCode);
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hexIdsToBase64(String json) {
    Matcher m = JSON_ID.matcher(json);
    StringBuilder out = new StringBuilder(json.length());
    while (m.find()) {
      String hex = m.group(3);
      String base64 = hex.length() % 2 == 0
          ? Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) : hex;
      m.appendReplacement(out, Matcher.quoteReplacement(
          "\"" + m.group(1) + "\"" + m.group(2) + "\"" + base64 + "\""));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String quote(String text) {
    return AttributeTree.JSON.getNodeFactory().textNode(text).toString();
  }
}
