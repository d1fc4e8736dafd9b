package dev.weft.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One call as Weave models it, converted from one span. Times are Unix epoch nanoseconds.
 *
 * @param project {@code team/project}
 * @param id the call id: the span id in hex
 * @param traceId the trace id in hex
 * @param parentId the parent span id in hex, or null for a root call
 * @param status {@code success} or {@code error}
 * @param inputs a JSON object, never null
 * @param output any JSON value, or null when the span carried none
 * @param attributes a JSON object, never null
 * @param exception {@code {type, message, stacktrace}} of a failed call, else null
 * @param usage the call's own token usage by model (the key is {@code usage} when no model is known)
 * @param otel the span as received (attributes expanded into a tree), for the raw view
 */
public record CallRecord(
    String project,
    String id,
    String traceId,
    String parentId,
    String opName,
    String displayName,
    String kind,
    String status,
    long startedNs,
    long endedNs,
    String model,
    String threadId,
    String turnId,
    JsonNode inputs,
    JsonNode output,
    JsonNode attributes,
    JsonNode exception,
    Map<String, Usage> usage,
    JsonNode otel) {

  /** {@link #status()} of a call that completed. */
  public static final String SUCCESS = "success";

  /** {@link #status()} of a call that failed. */
  public static final String ERROR = "error";
}
