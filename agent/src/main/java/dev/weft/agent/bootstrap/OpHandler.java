package dev.weft.agent.bootstrap;

/** What the tracing core does for an {@code @Op} method; see {@link OpBridge}. */
public interface OpHandler {

  /** Starts a call of op {@code opId}; returns a token for {@link #exit}, or null when not traced. */
  Object enter(int opId, Object[] arguments);

  /** Ends the call started by {@link #enter}; must not throw. */
  void exit(Object token, Object returned, Throwable thrown);

  /**
   * Like {@link #exit} for a method returning a Reactor {@code Mono} or {@code Flux}: the call ends when
   * the publisher completes, fails or is cancelled. Returns what the method returns instead of
   * {@code returned}: a publisher that behaves the same for its subscribers.
   */
  Object exitReactive(Object token, Object returned, Throwable thrown);
}
