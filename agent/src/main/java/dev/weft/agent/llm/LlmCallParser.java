package dev.weft.agent.llm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Maps one OpenAI-style model call, as an HTTP interceptor sees it, to span attributes keyed by
 * {@link LlmKeys}: values are String, Long, Double, Boolean or List&lt;String&gt;. Pure: no I/O,
 * never throws on any body (a body it cannot read gives fewer attributes). Thread-safe.
 *
 * <p>Inputs are the request body itself (the app's, before any rewrite by the interceptor); output
 * is the response body (or the accumulated stream, see {@link SseChatAccumulator#toJson()}). Both
 * have secret-named keys redacted and are bounded by the caller's byte budget. Headers other than
 * {@code OpenAI-Project} are never read, so {@code Authorization} cannot leak.
 */
public final class LlmCallParser {
  private static final int MAX_ERROR_CHARS = 500;

  private final BoundedJson bounded;

  /** {@code isSecret} decides which JSON keys have their values redacted (the agent's Redactor). */
  public LlmCallParser(Predicate<String> isSecret) {
    this.bounded = new BoundedJson(Objects.requireNonNull(isSecret, "isSecret"));
  }

  /**
   * Attributes known before the call is sent: kind, GenAI operation, provider, request model and
   * parameters, server address and port, {@code openai.project}, and {@code weft.inputs} (at most
   * {@code maxInputBytes} UTF-8 bytes). {@code headers} lookups ignore case; body may be null.
   */
  public Map<String, Object> requestAttributes(LlmOperation operation, URI url,
      Map<String, List<String>> headers, byte[] body, int maxInputBytes) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(LlmKeys.KIND, LlmKeys.KIND_LLM);
    if (operation != null) {
      attributes.put(LlmKeys.GEN_AI_OPERATION_NAME, operation.genAiOperationName());
    }
    String host = url == null ? null : url.getHost();
    attributes.put(LlmKeys.GEN_AI_PROVIDER_NAME, LlmProviders.providerName(host));
    RequestFields.read(body, attributes);
    if (host != null) {
      attributes.put(LlmKeys.SERVER_ADDRESS, host);
      attributes.put(LlmKeys.SERVER_PORT, (long) port(url));
    }
    String project = header(headers, "OpenAI-Project");
    if (project != null) {
      attributes.put(LlmKeys.OPENAI_PROJECT, project);
    }
    attributes.put(LlmKeys.INPUTS, bounded.object(body, maxInputBytes, "inputs"));
    return attributes;
  }

  /**
   * Attributes of the answer: HTTP status, response id and model, finish reasons, token usage
   * (prompt/completion or input/output tokens) and {@code weft.output} (at most
   * {@code maxOutputBytes}; absent when {@code body} is null or empty). For error statuses the
   * output is the error body; see {@link #errorDescription} for the span status.
   */
  public Map<String, Object> responseAttributes(int status, byte[] body, int maxOutputBytes) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(LlmKeys.HTTP_RESPONSE_STATUS_CODE, (long) status);
    ResponseFields.read(body, attributes);
    if (body != null && body.length > 0) {
      attributes.put(LlmKeys.OUTPUT, bounded.value(body, maxOutputBytes, "output"));
    }
    return attributes;
  }

  /**
   * The description of a failed call for the span's ERROR status: {@code "<status> <message>"}
   * with the server's {@code error.message} (or {@code message}/{@code detail}, or the start of a
   * plain-text body), e.g. {@code 429 Concurrency limit reached for requests}; just the status
   * when the body says nothing; null when {@code status} is below 400.
   */
  public static String errorDescription(int status, byte[] body) {
    if (status < 400) {
      return null;
    }
    String message = ErrorMessages.of(body);
    if (message == null) {
      message = plainText(body);
    }
    if (message == null || message.isEmpty()) {
      return String.valueOf(status);
    }
    return status + " " + BoundedJson.truncate(message, MAX_ERROR_CHARS);
  }

  private static String plainText(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, 0, Math.min(body.length, 4 * MAX_ERROR_CHARS),
        StandardCharsets.UTF_8).trim();
    if (text.isEmpty() || text.charAt(0) == '<' || text.charAt(0) == '{'
        || text.charAt(0) == '[') {
      return null; // an HTML error page or unreadable JSON says nothing useful
    }
    return text.replaceAll("\\s+", " ");
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") ? 80 : 443;
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (name.equalsIgnoreCase(entry.getKey())) {
        List<String> values = entry.getValue();
        return values == null || values.isEmpty() ? null : values.get(0);
      }
    }
    return null;
  }
}
