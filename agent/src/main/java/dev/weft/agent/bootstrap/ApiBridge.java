package dev.weft.agent.bootstrap;

import java.util.Map;

/**
 * The static entry points the {@code weft-api} facade finds by name (through method handles) on the
 * bootstrap class path. The facade treats a missing class, or {@link #isInstalled()} false, as "no
 * agent". Every method here is safe to call at any time and never throws.
 */
public final class ApiBridge {
  private static volatile ApiHandler handler;

  private ApiBridge() {}

  /** Installs the core's handler. */
  public static void install(ApiHandler h) {
    handler = h;
  }

  /** Whether the core is running and handles calls. */
  public static boolean isInstalled() {
    return handler != null;
  }

  /** See {@link ApiHandler#init}. */
  public static void init(String project) {
    ApiHandler h = handler;
    if (h != null) {
      try {
        h.init(project);
      } catch (Throwable ignored) {
        // logged by the core
      }
    }
  }

  /** See {@link ApiHandler#startOp}. */
  public static Object startOp(String name, String kind, Map<?, ?> inputs) {
    ApiHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.startOp(name, kind, inputs);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link ApiHandler#endOp}. */
  public static void endOp(Object token, Object output, boolean isVoid, Throwable error) {
    ApiHandler h = handler;
    if (h == null || token == null) {
      return;
    }
    try {
      h.endOp(token, output, isVoid, error);
    } catch (Throwable ignored) {
      // logged by the core
    }
  }

  /** See {@link ApiHandler#pushAttributes}. */
  public static Object pushAttributes(Map<?, ?> attributes) {
    ApiHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.pushAttributes(attributes);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link ApiHandler#pushThread}. */
  public static Object pushThread(String threadId) {
    ApiHandler h = handler;
    if (h == null || threadId == null) {
      return null;
    }
    try {
      return h.pushThread(threadId);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link ApiHandler#popScope}. */
  public static void popScope(Object scope) {
    ApiHandler h = handler;
    if (h == null || scope == null) {
      return;
    }
    try {
      h.popScope(scope);
    } catch (Throwable ignored) {
      // logged by the core
    }
  }

  /** See {@link ApiHandler#currentCall}. */
  public static String[] currentCall() {
    ApiHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.currentCall();
    } catch (Throwable t) {
      return null;
    }
  }
}
