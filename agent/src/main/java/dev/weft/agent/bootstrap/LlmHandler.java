package dev.weft.agent.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * What the tracing core does for a model call seen at the HTTP layer; see {@link LlmBridge}. A call
 * token is confined to one request: its methods are called in order (start, requestBody,
 * response, chunk..., finish, end), possibly from different threads but never at the same time,
 * except {@link #end}, which may come from any thread at any moment and wins.
 */
public interface LlmHandler {

  /** Whether {@code method} and {@code url} name a model call; cheap, allocates little. */
  boolean isModelCall(String method, String url);

  /**
   * Starts a model call when {@code method} and {@code url} name one; returns its token, or null
   * when the request is not traced. {@code body} is the app's request body (null when unknown);
   * {@code parent} is a token from {@link #currentContext} taken where the app made the call, or
   * null for the current context.
   */
  Object start(String method, String url, Map<String, List<String>> headers, byte[] body, Object parent);

  /** The body to send instead of the app's (streamed usage asked for), or null to send the app's. */
  byte[] requestBody(Object call);

  /** The response's status line and content type arrived. */
  void response(Object call, int status, String contentType);

  /**
   * Bytes of the response body, as the app receives them. Returns null when the app is to get
   * exactly these bytes, else the bytes to hand over instead (possibly empty).
   */
  byte[] chunk(Object call, byte[] bytes, int offset, int length);

  /** The body ended; returns bytes still held back to hand to the app (never null). */
  byte[] finish(Object call);

  /** Ends the span: with {@code error} null after {@link #finish} or an early close. Idempotent. */
  void end(Object call, Throwable error);

  /** The current trace context, to pass to {@link #start} from another thread; never null. */
  Object currentContext();
}
