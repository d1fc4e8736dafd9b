package dev.weft.agent.bootstrap;

/** What the tracing core does for an {@code @Op} method; see {@link OpBridge}. */
public interface OpHandler {

  /** Starts a call of op {@code opId}; returns a token for {@link #exit}, or null when not traced. */
  Object enter(int opId, Object[] arguments);

  /** Ends the call started by {@link #enter}; must not throw. */
  void exit(Object token, Object returned, Throwable thrown);
}
