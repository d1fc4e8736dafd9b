package dev.weft.agent.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * Called by the HTTP capture pieces (the OkHttp interceptor and the {@code HttpClient} wrapper,
 * whether the agent injected them or the app added them by hand). Without the agent's core every
 * method does nothing and says "untraced". Never throws: a failure inside the core leaves the
 * request untraced and the app's bytes untouched.
 *
 * <p>See {@link LlmHandler} for what each method means.
 */
public final class LlmBridge {
  private static final byte[] NONE = new byte[0];
  private static volatile LlmHandler handler;

  private LlmBridge() {}

  /** Installs the core's handler. */
  public static void install(LlmHandler h) {
    handler = h;
  }

  /** Whether a core is installed, so a capture piece can skip buffering bodies when it is not. */
  public static boolean isActive() {
    return handler != null;
  }

  /**
   * See {@link LlmHandler#isModelCall}: lets a capture piece skip reading the body of a request that
   * is not a model call (e.g. the agent's own exports). False without a core.
   */
  public static boolean isModelCall(String method, String url) {
    LlmHandler h = handler;
    if (h == null) {
      return false;
    }
    try {
      return h.isModelCall(method, url);
    } catch (Throwable t) {
      return false;
    }
  }

  /** See {@link LlmHandler#start}; null when untraced. */
  public static Object start(String method, String url, Map<String, List<String>> headers, byte[] body,
      Object parent) {
    LlmHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.start(method, url, headers, body, parent);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link LlmHandler#requestBody}. */
  public static byte[] requestBody(Object call) {
    LlmHandler h = handler;
    if (call == null || h == null) {
      return null;
    }
    try {
      return h.requestBody(call);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link LlmHandler#response}. */
  public static void response(Object call, int status, String contentType) {
    LlmHandler h = handler;
    if (call == null || h == null) {
      return;
    }
    try {
      h.response(call, status, contentType);
    } catch (Throwable ignored) {
      // the app's response goes on as it is
    }
  }

  /** See {@link LlmHandler#chunk}: null means "hand the app these very bytes". */
  public static byte[] chunk(Object call, byte[] bytes, int offset, int length) {
    LlmHandler h = handler;
    if (call == null || h == null) {
      return null;
    }
    try {
      return h.chunk(call, bytes, offset, length);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link LlmHandler#finish}; never null. */
  public static byte[] finish(Object call) {
    LlmHandler h = handler;
    if (call == null || h == null) {
      return NONE;
    }
    try {
      byte[] rest = h.finish(call);
      return rest == null ? NONE : rest;
    } catch (Throwable t) {
      return NONE;
    }
  }

  /** See {@link LlmHandler#end}. */
  public static void end(Object call, Throwable error) {
    LlmHandler h = handler;
    if (call == null || h == null) {
      return;
    }
    try {
      h.end(call, error);
    } catch (Throwable ignored) {
      // logged by the core
    }
  }

  /** See {@link LlmHandler#currentContext}; null without a core. */
  public static Object currentContext() {
    LlmHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.currentContext();
    } catch (Throwable t) {
      return null;
    }
  }
}
