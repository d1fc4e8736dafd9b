package dev.weft.agent.bootstrap;

/** What the tracing core does to carry the trace context across threads; see {@link ContextBridge}. */
public interface ContextHandler {

  /** The current context, or null when no call is running (nothing to carry). */
  Object current();

  /** Makes {@code context} (from {@link #current()}) current; returns the scope to {@link #detach}. */
  Object attach(Object context);

  /** Makes the root context current when it is not; returns the scope to {@link #detach}, or null. */
  Object clear();

  /** Restores what was current before {@link #attach}. */
  void detach(Object scope);

  /** Remembers the current context for {@code task}, a {@code ForkJoinTask} about to be queued. */
  void taskQueued(Object task);

  /** Makes the context remembered for {@code task} current; returns a scope, or null when none. */
  Object taskStarting(Object task);
}
