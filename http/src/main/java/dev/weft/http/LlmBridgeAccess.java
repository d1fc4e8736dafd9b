package dev.weft.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;

/**
 * Reaches the agent's {@code dev.weft.agent.bootstrap.LlmBridge} on the bootstrap class path. Without
 * the agent every method says "untraced" and costs one volatile read; the bridge is looked for again
 * at most once a second, so an agent attached later (by {@code Weft.init}) is found.
 */
final class LlmBridgeAccess {
  private static final String BRIDGE_CLASS = "dev.weft.agent.bootstrap.LlmBridge";
  private static final long RETRY_NANOS = 1_000_000_000L;
  private static final byte[] NONE = new byte[0];

  private static volatile Handles handles;
  /** When a failed lookup may be tried again (System.nanoTime); a lookup is due at once. */
  private static volatile long retryAt = System.nanoTime();

  private LlmBridgeAccess() {}

  /** Whether model calls can be traced now; when false, callers pass everything through untouched. */
  static boolean isActive() {
    Handles h = handles();
    if (h == null) {
      return false;
    }
    try {
      return (boolean) h.isActive.invokeExact();
    } catch (Throwable t) {
      return false;
    }
  }

  /** Whether the request is a model call to trace; false without the agent. */
  static boolean isModelCall(String method, String url) {
    Handles h = handles();
    if (h == null) {
      return false;
    }
    try {
      return (boolean) h.isModelCall.invokeExact(method, url);
    } catch (Throwable t) {
      return false;
    }
  }

  static Object start(String method, String url, Map<String, List<String>> headers, byte[] body, Object parent) {
    Handles h = handles();
    if (h == null) {
      return null;
    }
    try {
      return (Object) h.start.invokeExact(method, url, headers, body, parent);
    } catch (Throwable t) {
      return null;
    }
  }

  static byte[] requestBody(Object call) {
    Handles h = handles;
    if (h == null || call == null) {
      return null;
    }
    try {
      return (byte[]) h.requestBody.invokeExact(call);
    } catch (Throwable t) {
      return null;
    }
  }

  static void response(Object call, int status, String contentType) {
    Handles h = handles;
    if (h == null || call == null) {
      return;
    }
    try {
      h.response.invokeExact(call, status, contentType);
    } catch (Throwable ignored) {
      // the response goes on as it is
    }
  }

  /** Null: hand the app these very bytes; else the bytes to hand over instead. */
  static byte[] chunk(Object call, byte[] bytes, int offset, int length) {
    Handles h = handles;
    if (h == null || call == null) {
      return null;
    }
    try {
      return (byte[]) h.chunk.invokeExact(call, bytes, offset, length);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Bytes held back until the end of the body; never null. */
  static byte[] finish(Object call) {
    Handles h = handles;
    if (h == null || call == null) {
      return NONE;
    }
    try {
      byte[] rest = (byte[]) h.finish.invokeExact(call);
      return rest == null ? NONE : rest;
    } catch (Throwable t) {
      return NONE;
    }
  }

  static void end(Object call, Throwable error) {
    Handles h = handles;
    if (h == null || call == null) {
      return;
    }
    try {
      h.end.invokeExact(call, error);
    } catch (Throwable ignored) {
      // logged by the agent
    }
  }

  /** The current trace context, for a call that the client will run on another thread; may be null. */
  static Object currentContext() {
    Handles h = handles();
    if (h == null) {
      return null;
    }
    try {
      return (Object) h.currentContext.invokeExact();
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The bridge, looked up once it is there. Callers arriving while another thread looks it up wait
   * for that lookup rather than going untraced: the first model calls of a JVM are often several
   * at once (an evaluation's parallel rows).
   */
  private static Handles handles() {
    Handles h = handles;
    if (h != null) {
      return h;
    }
    if (System.nanoTime() - retryAt < 0) {
      return null; // looked for it less than a second ago: no agent
    }
    synchronized (LlmBridgeAccess.class) {
      h = handles;
      if (h == null && System.nanoTime() - retryAt >= 0) {
        h = Handles.find();
        if (h == null) {
          retryAt = System.nanoTime() + RETRY_NANOS;
        } else {
          handles = h;
        }
      }
      return h;
    }
  }

  private static final class Handles {
    final MethodHandle isActive;
    final MethodHandle isModelCall;
    final MethodHandle start;
    final MethodHandle requestBody;
    final MethodHandle response;
    final MethodHandle chunk;
    final MethodHandle finish;
    final MethodHandle end;
    final MethodHandle currentContext;

    private Handles(Class<?> bridge) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      isActive = lookup.findStatic(bridge, "isActive", MethodType.methodType(boolean.class));
      isModelCall = lookup.findStatic(bridge, "isModelCall",
          MethodType.methodType(boolean.class, String.class, String.class));
      start = lookup.findStatic(bridge, "start", MethodType.methodType(Object.class, String.class, String.class,
          Map.class, byte[].class, Object.class));
      requestBody = lookup.findStatic(bridge, "requestBody", MethodType.methodType(byte[].class, Object.class));
      response = lookup.findStatic(bridge, "response",
          MethodType.methodType(void.class, Object.class, int.class, String.class));
      chunk = lookup.findStatic(bridge, "chunk",
          MethodType.methodType(byte[].class, Object.class, byte[].class, int.class, int.class));
      finish = lookup.findStatic(bridge, "finish", MethodType.methodType(byte[].class, Object.class));
      end = lookup.findStatic(bridge, "end", MethodType.methodType(void.class, Object.class, Throwable.class));
      currentContext = lookup.findStatic(bridge, "currentContext", MethodType.methodType(Object.class));
    }

    /** The bootstrap loader's bridge only: a copy on the class path would never get a handler. */
    static Handles find() {
      try {
        return new Handles(Class.forName(BRIDGE_CLASS, false, null));
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
