package dev.weft.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The context the agent remembered when the app enqueued an OkHttp call ({@code Call.enqueue} runs the
 * interceptors on a dispatcher thread); null for a call run on the app's thread, or without the agent.
 */
final class OkHttpParents {
  private static final MethodHandle PARENT_OF = find();

  private OkHttpParents() {}

  static Object of(Object call) {
    if (PARENT_OF == null || call == null) {
      return null;
    }
    try {
      return (Object) PARENT_OF.invokeExact(call);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The bootstrap loader's bridge only; it is there whenever the agent can have remembered a call. */
  private static MethodHandle find() {
    try {
      Class<?> bridge = Class.forName("dev.weft.agent.bootstrap.OkHttpBridge", false, null);
      return MethodHandles.publicLookup().findStatic(bridge, "parentOf",
          MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
