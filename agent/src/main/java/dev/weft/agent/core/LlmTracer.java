package dev.weft.agent.core;

import dev.weft.agent.bootstrap.LlmHandler;
import dev.weft.agent.llm.LlmCallMatcher;
import dev.weft.agent.llm.LlmCallParser;
import dev.weft.agent.llm.LlmKeys;
import dev.weft.agent.llm.LlmOperation;
import dev.weft.agent.llm.SseChatAccumulator;
import dev.weft.agent.llm.SseUsageChunkFilter;
import dev.weft.agent.llm.StreamOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns model calls seen at the HTTP layer into {@code llm} spans: the request body as inputs, the
 * response (or the accumulated stream) as output, GenAI attributes, usage, status and errors. For a
 * streamed chat or completion call that did not ask for usage, asks for it and hides the extra
 * usage-only chunk from the app (like Weave's OpenAI integration), unless switched off.
 *
 * <p>Runs on the app's threads and the HTTP clients' threads: never blocks, never throws (the
 * bridge catches too), and holds at most the capture budget of a response body per call.
 */
final class LlmTracer implements LlmHandler {
  static final AttributeKey<Double> TIME_TO_FIRST_CHUNK = AttributeKey.doubleKey("weft.time_to_first_chunk_s");
  static final AttributeKey<Boolean> CLOSED_EARLY = AttributeKey.booleanKey("weft.stream.closed_early");
  private static final String EVENT_STREAM = "text/event-stream";

  private final Tracer tracer;
  private final LlmCallMatcher matcher;
  private final LlmCallParser parser;
  private final boolean captureContent;
  private final int maxBytes;
  private final boolean askForUsage;

  LlmTracer(Tracer tracer, LlmCallMatcher matcher, Redactor redactor, boolean captureContent,
      int maxBytes, boolean askForUsage) {
    this.tracer = tracer;
    this.matcher = matcher;
    this.parser = new LlmCallParser(redactor::isSecret);
    this.captureContent = captureContent;
    this.maxBytes = maxBytes;
    this.askForUsage = askForUsage;
  }

  @Override
  public boolean isModelCall(String method, String url) {
    URI uri = "POST".equalsIgnoreCase(method) ? parse(url) : null;
    return uri != null && matcher.match(method, uri.getRawPath()) != null;
  }

  @Override
  public Object start(String method, String url, Map<String, List<String>> headers, byte[] body, Object parent) {
    URI uri = parse(url);
    LlmOperation operation = uri == null ? null : matcher.match(method, uri.getRawPath());
    if (operation == null) {
      return null;
    }
    Context context = parent instanceof Context ? (Context) parent : Context.current();
    try {
      Span span = tracer.spanBuilder(operation.opName()).setSpanKind(SpanKind.CLIENT).setParent(context).startSpan();
      ModelCall call = new ModelCall(span, operation);
      if (span.isRecording()) {
        Map<String, Object> attributes = parser.requestAttributes(operation, uri, headers, body, maxBytes);
        if (!captureContent) {
          attributes.remove(LlmKeys.INPUTS);
        }
        setAll(span, attributes);
        call.streamRequested = Boolean.TRUE.equals(attributes.get(LlmKeys.GEN_AI_REQUEST_STREAM));
      }
      if (askForUsage && body != null
          && (operation == LlmOperation.CHAT_COMPLETIONS || operation == LlmOperation.COMPLETIONS)) {
        call.rewritten = StreamOptions.withIncludeUsage(body);
      }
      return call;
    } catch (Throwable t) {
      AgentLog.warnOnce("llm-start", "could not start tracing a model call; it runs untraced", t);
      return null;
    }
  }

  @Override
  public byte[] requestBody(Object token) {
    return ((ModelCall) token).rewritten;
  }

  @Override
  public void response(Object token, int status, String contentType) {
    ModelCall call = (ModelCall) token;
    synchronized (call) {
      call.status = status;
      call.streaming = contentType != null && contentType.regionMatches(true, 0, EVENT_STREAM, 0, EVENT_STREAM.length());
      if (call.streaming) {
        call.stream = new SseChatAccumulator();
        if (call.rewritten != null && status < 300) {
          call.filter = new SseUsageChunkFilter();
        }
      } else {
        call.body = new ByteArrayOutputStream();
      }
    }
  }

  @Override
  public byte[] chunk(Object token, byte[] bytes, int offset, int length) {
    ModelCall call = (ModelCall) token;
    synchronized (call) {
      if (call.ended || length <= 0) {
        return null;
      }
      if (call.stream != null) {
        if (call.stream.feed(bytes, offset, length)) {
          call.firstChunkNanos = System.nanoTime();
        }
        return call.filter == null ? null : call.filter.filter(bytes, offset, length);
      }
      if (call.body != null) {
        int room = bodyLimit() - call.body.size();
        if (room > 0) {
          call.body.write(bytes, offset, Math.min(room, length));
        } else {
          call.bodyCut = true;
        }
      }
      return null;
    }
  }

  @Override
  public byte[] finish(Object token) {
    ModelCall call = (ModelCall) token;
    synchronized (call) {
      call.finished = true;
      if (call.stream != null && call.stream.finish() && call.firstChunkNanos == 0) {
        call.firstChunkNanos = System.nanoTime();
      }
      return call.filter == null ? null : call.filter.finish();
    }
  }

  @Override
  public void end(Object token, Throwable error) {
    ModelCall call = (ModelCall) token;
    synchronized (call) {
      if (call.ended) {
        return;
      }
      call.ended = true;
    }
    Span span = call.span;
    try {
      if (span.isRecording()) {
        record(call, error);
      }
    } catch (Throwable t) {
      AgentLog.warnOnce("llm-end", "could not record the end of a model call", t);
    } finally {
      span.end();
    }
  }

  @Override
  public Object currentContext() {
    return Context.current();
  }

  private void record(ModelCall call, Throwable error) {
    Span span = call.span;
    byte[] body = call.stream != null ? call.stream.toJson() : call.body == null ? null : call.body.toByteArray();
    if (call.status > 0) {
      Map<String, Object> attributes = parser.responseAttributes(call.status, body, maxBytes);
      if (!captureContent || call.bodyCut && call.status < 400) {
        attributes.remove(LlmKeys.OUTPUT); // a cut JSON body would show as a broken string
      }
      setAll(span, attributes);
    }
    if (call.firstChunkNanos != 0) {
      span.setAttribute(TIME_TO_FIRST_CHUNK, (call.firstChunkNanos - call.startNanos) / 1e9);
    }
    if (call.stream != null && !call.finished && error == null && !call.stream.isDone()) {
      span.setAttribute(CLOSED_EARLY, true);
    }
    if (error != null) {
      String message = error.getMessage();
      span.setStatus(StatusCode.ERROR, message == null ? error.getClass().getName() : message);
      span.recordException(error);
    } else if (call.status >= 400) {
      span.setStatus(StatusCode.ERROR, LlmCallParser.errorDescription(call.status, body));
    } else if (call.stream != null && call.stream.streamError() != null) {
      span.setStatus(StatusCode.ERROR, call.stream.streamError());
    }
  }

  private int bodyLimit() {
    // Enough to read id, model and usage past a capture cut; the output itself is cut to maxBytes.
    return maxBytes >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : Math.max(maxBytes * 4, 1 << 20);
  }

  private static void setAll(Span span, Map<String, Object> attributes) {
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object value = e.getValue();
      String key = e.getKey();
      if (value instanceof String) {
        span.setAttribute(key, (String) value);
      } else if (value instanceof Long) {
        span.setAttribute(key, (Long) value);
      } else if (value instanceof Double) {
        span.setAttribute(key, (Double) value);
      } else if (value instanceof Boolean) {
        span.setAttribute(key, (Boolean) value);
      } else if (value instanceof List) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) value;
        span.setAttribute(AttributeKey.stringArrayKey(key), strings);
      }
    }
  }

  private static URI parse(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One model call in flight; guarded by itself. */
  private static final class ModelCall {
    final Span span;
    final LlmOperation operation;
    final long startNanos = System.nanoTime();
    byte[] rewritten;
    boolean streamRequested;
    int status;
    boolean streaming;
    SseChatAccumulator stream;
    SseUsageChunkFilter filter;
    ByteArrayOutputStream body;
    boolean bodyCut;
    long firstChunkNanos;
    boolean finished;
    boolean ended;

    ModelCall(Span span, LlmOperation operation) {
      this.span = span;
      this.operation = operation;
    }

    @Override
    public String toString() {
      return "ModelCall{" + operation.opName() + '}'; // never the body: it may hold secrets
    }
  }
}
