package dev.weft.agent.bootstrap;

/**
 * Called by advice inlined into OkHttp ({@code OkHttpClient(Builder)}, {@code RealCall.enqueue}) and by
 * the injected {@code dev.weft.http.WeftInterceptor}. Without the agent's core every method does
 * nothing. Never throws.
 */
public final class OkHttpBridge {
  private static volatile OkHttpHandler handler;

  private OkHttpBridge() {}

  /** Installs the core's handler. */
  public static void install(OkHttpHandler h) {
    handler = h;
  }

  /** An {@code OkHttpClient} is being built from {@code builder}: add the interceptor unless present. */
  public static void beforeBuild(Object builder) {
    OkHttpHandler h = handler;
    if (h == null || builder == null) {
      return;
    }
    try {
      h.beforeBuild(builder);
    } catch (Throwable ignored) {
      // the client is built as the app asked
    }
  }

  /** The app enqueues {@code call}: remember the app thread's context for the dispatcher thread. */
  public static void enqueued(Object call) {
    OkHttpHandler h = handler;
    if (h == null || call == null) {
      return;
    }
    try {
      h.enqueued(call);
    } catch (Throwable ignored) {
      // the call runs untraced under no parent
    }
  }

  /** The context remembered for {@code call} when it was enqueued, removed; null when none. */
  public static Object parentOf(Object call) {
    OkHttpHandler h = handler;
    if (h == null || call == null) {
      return null;
    }
    try {
      return h.parentOf(call);
    } catch (Throwable t) {
      return null;
    }
  }
}
