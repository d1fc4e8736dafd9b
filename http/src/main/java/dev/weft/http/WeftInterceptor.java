package dev.weft.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OkHttp application interceptor that traces model calls (OpenAI-style {@code POST}s) as {@code llm}
 * spans when the Weft agent runs; without it every request passes through untouched. Add it first,
 * so that it sees the request and the response exactly as the app does:
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new WeftInterceptor()).build();
 * }</pre>
 *
 * <p>The request body is read for capture only when it can be written twice (not one-shot or duplex)
 * and is at most {@value #MAX_CAPTURED_REQUEST_BYTES} bytes. Every byte of the response body the app
 * reads passes through the tracer on its way; the span ends when the body ends, is closed or fails.
 * The agent adds this interceptor to every {@code OkHttpClient} by itself. Works with OkHttp 3.14, 4.x
 * and 5.x.
 */
public final class WeftInterceptor implements Interceptor {
  /** Request bodies larger than this go out untouched and uncaptured (the span has no inputs). */
  public static final int MAX_CAPTURED_REQUEST_BYTES = 4 << 20;
  private static final String EVENT_STREAM = "text/event-stream";

  /** Creates the interceptor; it holds no state, one instance may serve any number of clients. */
  public WeftInterceptor() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!"POST".equalsIgnoreCase(request.method()) || !LlmBridgeAccess.isActive()) {
      return chain.proceed(request);
    }
    RequestBody body = request.body();
    byte[] bytes = OkHttpRequestBodies.capture(body, MAX_CAPTURED_REQUEST_BYTES);
    Object call = LlmBridgeAccess.start(request.method(), request.url().toString(),
        request.headers().toMultimap(), bytes, OkHttpParents.of(chain.call()));
    if (call == null) {
      return chain.proceed(request);
    }
    byte[] rewritten = LlmBridgeAccess.requestBody(call);
    Request sent = rewritten == null || body == null ? request
        : request.newBuilder().method(request.method(), new BytesRequestBody(body.contentType(), rewritten)).build();
    Response response;
    try {
      response = chain.proceed(sent);
    } catch (IOException | RuntimeException | Error e) {
      LlmBridgeAccess.end(call, e);
      throw e;
    }
    return traced(call, response, rewritten != null);
  }

  private static Response traced(Object call, Response response, boolean askedForUsage) {
    ResponseBody body = response.body();
    String contentType = contentType(response, body);
    LlmBridgeAccess.response(call, response.code(), contentType);
    if (body == null) {
      LlmBridgeAccess.finish(call);
      LlmBridgeAccess.end(call, null);
      return response;
    }
    // The tracer removes the usage-only event it asked for from a successful stream: length unknown.
    boolean bytesMayChange = askedForUsage && response.code() < 300 && contentType != null
        && contentType.regionMatches(true, 0, EVENT_STREAM, 0, EVENT_STREAM.length());
    return response.newBuilder().body(new CapturingResponseBody(body, call, bytesMayChange)).build();
  }

  private static String contentType(Response response, ResponseBody body) {
    String header = response.header("Content-Type");
    if (header != null || body == null) {
      return header;
    }
    MediaType type = body.contentType();
    return type == null ? null : type.toString();
  }
}
