package dev.weft.agent.core;

import dev.weft.agent.bootstrap.ContextHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the OpenTelemetry context across threads for the concurrency advice. Nothing is carried when
 * no call is running, so work handed over outside any call starts its own trace.
 *
 * <p>{@code ForkJoinTask}s are the app's own objects (the task is the future it holds), so they cannot be
 * wrapped: their context waits in a map from the moment they are queued until a worker runs them.
 */
final class ContextPropagation implements ContextHandler {
  /** A bound on tasks queued in a call and not yet run, so tasks dropped unrun cannot pile up. */
  private static final int MAX_PENDING = 100_000;

  private final Map<Object, Context> pending = new ConcurrentHashMap<>();

  @Override
  public Object current() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public Object attach(Object context) {
    return ((Context) context).makeCurrent();
  }

  @Override
  public Object clear() {
    return Context.current() == Context.root() ? null : Context.root().makeCurrent();
  }

  @Override
  public void detach(Object scope) {
    ((Scope) scope).close();
  }

  @Override
  public void taskQueued(Object task) {
    Context current = Context.current();
    if (current == Context.root()) {
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      AgentLog.warnOnce("pending-tasks", MAX_PENDING + " fork/join tasks queued inside calls never ran;"
          + " further ones run outside their call's trace", null);
      return;
    }
    pending.put(task, current);
  }

  @Override
  public Object taskStarting(Object task) {
    if (pending.isEmpty()) {
      return null;
    }
    Context context = pending.remove(task);
    return context == null ? null : context.makeCurrent();
  }
}
