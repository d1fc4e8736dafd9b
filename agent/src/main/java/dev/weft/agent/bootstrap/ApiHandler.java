package dev.weft.agent.bootstrap;

import java.util.Map;

/** What the tracing core does for the {@code weft-api} facade; see {@link ApiBridge}. */
public interface ApiHandler {

  /** Sets the project calls are sent to. */
  void init(String project);

  /** Starts a call named {@code name}; returns a token, or null when not traced. */
  Object startOp(String name, String kind, Map<?, ?> inputs);

  /** Ends a call; {@code isVoid} when the body returned nothing. */
  void endOp(Object token, Object output, boolean isVoid, Throwable error);

  /** Makes {@code attributes} apply to calls started until the returned scope is popped. */
  Object pushAttributes(Map<?, ?> attributes);

  /** Makes calls started until the returned scope is popped belong to conversation thread {@code threadId}. */
  Object pushThread(String threadId);

  /** Closes a scope returned by {@link #pushAttributes} or {@link #pushThread}. */
  void popScope(Object scope);

  /** {id, traceId, link} of the current call, or null. */
  String[] currentCall();
}
