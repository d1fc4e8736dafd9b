package dev.weft.agent.core;

import dev.weft.agent.bootstrap.ApiHandler;
import dev.weft.agent.bootstrap.OpHandler;
import dev.weft.exporter.weave.WeftAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Turns calls into spans, for both the advice on {@code @Op} methods and the {@code Weft} facade: start
 * a span under the current one, capture inputs, make it current; on exit capture the output or the
 * exception and end it (for a returned {@link CompletionStage}, when the stage completes).
 *
 * <p>Everything here runs on the app's threads, so nothing blocks and nothing throws: failures are
 * logged once and the call goes on untraced.
 */
final class CallTracer implements OpHandler, ApiHandler {
  private static final ContextKey<UserAttributes> ATTRIBUTES = ContextKey.named("weft-attributes");
  private static final ContextKey<ConversationThread> THREAD = ContextKey.named("weft-thread");
  private static final String[] NO_NAMES = new String[0];

  private final Tracer tracer;
  private final OpRegistry registry;
  private final JsonCapture capture;
  private final Destination destination;
  private final boolean captureContent;
  private final int maxBytes;
  private final boolean printLinks;
  /** False for the console and none exporters, where "tracing to" a project would mislead. */
  private final boolean announceProject;
  /** Set while this thread captures JSON, so getters that are themselves ops do not make spans. */
  private final ThreadLocal<boolean[]> capturing = ThreadLocal.withInitial(() -> new boolean[1]);

  CallTracer(Tracer tracer, OpRegistry registry, JsonCapture capture, Destination destination,
      boolean captureContent, int maxBytes, boolean printLinks, boolean announceProject) {
    this.tracer = tracer;
    this.registry = registry;
    this.capture = capture;
    this.destination = destination;
    this.captureContent = captureContent;
    this.maxBytes = maxBytes;
    this.printLinks = printLinks;
    this.announceProject = announceProject;
  }

  // ---- advice

  @Override
  public Object enter(int opId, Object[] arguments) {
    OpSpec spec = registry.get(opId);
    if (spec == null) {
      return null;
    }
    boolean[] busy = capturing.get();
    if (busy[0]) {
      return null;
    }
    busy[0] = true;
    try {
      return start(spec.name, spec.kind, spec.displayName, spec.captureInputs ? spec.parameterNames : null,
          arguments, null, spec.captureOutput && !spec.returnsVoid, spec.returnsStage);
    } catch (Throwable t) {
      AgentLog.warnOnce("enter", "could not start a call of " + spec.name + "; it runs untraced", t);
      return null;
    } finally {
      busy[0] = false;
    }
  }

  @Override
  public void exit(Object token, Object returned, Throwable thrown) {
    end((ActiveCall) token, returned, thrown);
  }

  @Override
  public Object exitReactive(Object token, Object returned, Throwable thrown) {
    ActiveCall call = (ActiveCall) token;
    closeScope(call);
    if (thrown != null || returned == null) {
      finish(call, returned, thrown, false);
      return returned;
    }
    try {
      return ReactiveCalls.endAtTermination(returned, call.context, new ReactiveCalls.Ending() {
        @Override
        public void end(Object value, Throwable error, boolean cancelled) {
          finish(call, value, error, cancelled);
        }
      });
    } catch (Throwable t) {
      AgentLog.warnOnce("reactive", "could not follow a Reactor publisher to its end; its call ends at return", t);
      finish(call, null, null, true);
      return returned;
    }
  }

  // ---- facade

  @Override
  public void init(String project) {
    if (project.equals(destination.projectOrNull())) {
      return; // the agent was attached for this project and has said so already
    }
    destination.setProject(project);
    if (announceProject) {
      AgentLog.info("tracing to " + project + " at " + destination.projectLink());
    }
  }

  @Override
  public Object startOp(String name, String kind, Map<?, ?> inputs) {
    boolean[] busy = capturing.get();
    if (busy[0]) {
      return null;
    }
    busy[0] = true;
    try {
      return start(name, kind, "", NO_NAMES, null, inputs, true, false);
    } catch (Throwable t) {
      AgentLog.warnOnce("startOp", "could not start a call of " + name + "; it runs untraced", t);
      return null;
    } finally {
      busy[0] = false;
    }
  }

  @Override
  public void endOp(Object token, Object output, boolean isVoid, Throwable error) {
    ActiveCall call = (ActiveCall) token;
    end(call, isVoid ? null : output, error, isVoid);
  }

  @Override
  public Object pushAttributes(Map<?, ?> attributes) {
    Context current = Context.current();
    UserAttributes merged = UserAttributes.merge(current.get(ATTRIBUTES), attributes);
    return current.with(ATTRIBUTES, merged).makeCurrent();
  }

  @Override
  public Object pushThread(String threadId) {
    return Context.current().with(THREAD, new ConversationThread(threadId)).makeCurrent();
  }

  @Override
  public void popScope(Object scope) {
    ((io.opentelemetry.context.Scope) scope).close();
  }

  @Override
  public String[] currentCall() {
    SpanContext context = Span.current().getSpanContext();
    if (!context.isValid()) {
      return null;
    }
    return new String[] {context.getSpanId(), context.getTraceId(), destination.callLink(context.getSpanId())};
  }

  // ---- shared

  /**
   * Starts a span; inputs come from {@code names}+{@code arguments} (advice), or {@code inputMap}
   * (facade); {@code names} null means inputs are not captured.
   */
  private ActiveCall start(String name, String kind, String displayName, String[] names, Object[] arguments,
      Map<?, ?> inputMap, boolean captureOutput, boolean returnsStage) {
    Context parent = Context.current();
    Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
    ConversationThread thread = parent.get(THREAD);
    int budget = maxBytes;
    if (span.isRecording()) {
      if (!kind.isEmpty()) {
        span.setAttribute(WeftAttributes.KIND, kind);
      }
      if (!displayName.isEmpty()) {
        span.setAttribute(WeftAttributes.DISPLAY_NAME, displayName);
      }
      UserAttributes user = parent.get(ATTRIBUTES);
      if (user != null) {
        span.setAttribute(WeftAttributes.ATTRIBUTES, user.json(capture, maxBytes));
      }
      if (thread != null) {
        span.setAttribute(WeftAttributes.THREAD_ID, thread.id);
        if (thread.isTurnNext()) {
          span.setAttribute(WeftAttributes.IS_TURN, true);
        }
      }
      if (captureContent && (names != null || inputMap != null)) {
        String inputs = inputMap != null
            ? capture.inputs(stringKeys(inputMap), budget)
            : capture.inputs(names, arguments, budget);
        span.setAttribute(WeftAttributes.INPUTS, inputs);
        budget = Math.max(1024, budget - inputs.length());
      }
      if (printLinks && !Span.fromContext(parent).getSpanContext().isValid()) {
        AgentLog.info("trace " + destination.callLink(span.getSpanContext().getSpanId()));
      }
    }
    Context current = parent.with(span);
    if (thread != null && thread.isTurnNext()) {
      current = current.with(THREAD, thread.inTurn()); // calls under a turn are not turns
    }
    return new ActiveCall(span, current, captureOutput && captureContent, returnsStage, budget);
  }

  private void end(ActiveCall call, Object returned, Throwable thrown) {
    end(call, returned, thrown, false);
  }

  private void end(ActiveCall call, Object returned, Throwable thrown, boolean isVoid) {
    closeScope(call);
    if (thrown == null && call.returnsStage && returned instanceof CompletionStage) {
      ((CompletionStage<?>) returned).whenComplete((value, error) -> finish(call, value, unwrap(error), false));
      return;
    }
    finish(call, returned, thrown, isVoid);
  }

  private static void closeScope(ActiveCall call) {
    try {
      call.scope.close();
    } catch (Throwable t) {
      AgentLog.warnOnce("scope", "a call's context was closed out of order", t);
    }
  }

  private void finish(ActiveCall call, Object returned, Throwable thrown, boolean isVoid) {
    Span span = call.span;
    try {
      if (span.isRecording()) {
        if (thrown != null) {
          String message = thrown.getMessage();
          span.setStatus(StatusCode.ERROR, message == null ? thrown.getClass().getName() : message);
          span.recordException(thrown);
        } else if (call.captureOutput && !isVoid) {
          span.setAttribute(WeftAttributes.OUTPUT, captureOutput(returned, call.outputBudget));
        }
      }
    } catch (Throwable t) {
      AgentLog.warnOnce("exit", "could not record the end of a call", t);
    } finally {
      span.end();
    }
  }

  private String captureOutput(Object value, int budget) {
    boolean[] busy = capturing.get();
    boolean was = busy[0];
    busy[0] = true;
    try {
      return capture.value(value, budget);
    } finally {
      busy[0] = was;
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    if (map.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }

  /**
   * A {@code Weft.thread} block: calls in it carry its id, and the outermost ones are its turns. Both
   * states are made once per block, so starting a call allocates nothing for it.
   */
  private static final class ConversationThread {
    final String id;
    private final ConversationThread inTurn;

    ConversationThread(String id) {
      this.id = id;
      this.inTurn = new ConversationThread(id, null);
    }

    private ConversationThread(String id, ConversationThread inTurn) {
      this.id = id;
      this.inTurn = inTurn;
    }

    /** Whether a call started here is a turn: no call of this block is running above it. */
    boolean isTurnNext() {
      return inTurn != null;
    }

    ConversationThread inTurn() {
      return inTurn;
    }
  }

  /** Attributes from {@code Weft.attributes} scopes, merged outer to inner, with their JSON made once. */
  private static final class UserAttributes {
    final Map<String, Object> values;
    private volatile String json;

    private UserAttributes(Map<String, Object> values) {
      this.values = values;
    }

    static UserAttributes merge(UserAttributes outer, Map<?, ?> inner) {
      Map<String, Object> values = outer == null ? new LinkedHashMap<>() : new LinkedHashMap<>(outer.values);
      for (Map.Entry<?, ?> e : inner.entrySet()) {
        values.put(String.valueOf(e.getKey()), e.getValue());
      }
      return new UserAttributes(values);
    }

    String json(JsonCapture capture, int maxBytes) {
      String j = json;
      if (j == null) {
        j = capture.inputs(values, maxBytes);
        json = j;
      }
      return j;
    }
  }
}
