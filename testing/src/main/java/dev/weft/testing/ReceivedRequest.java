package dev.weft.testing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as {@link FakeWeave} received it.
 *
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param headers all request headers; lookups ignore case
 * @param contentType the {@code Content-Type} header, {@code ""} when absent
 * @param contentEncoding the {@code Content-Encoding} header, {@code ""} when absent
 * @param bodySize the size of the body as sent (compressed when compressed)
 * @param spans the spans decoded from the body; empty when it could not be decoded
 */
public record ReceivedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    String contentType,
    String contentEncoding,
    int bodySize,
    List<ReceivedSpan> spans) {

  /** Copies the collections; the header map keeps case-insensitive lookup. */
  public ReceivedRequest {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    spans = List.copyOf(spans);
  }

  /** Returns the first value of the header named {@code name} (any case), or null when absent. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
