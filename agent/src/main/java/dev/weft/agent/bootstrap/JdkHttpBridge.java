package dev.weft.agent.bootstrap;

/**
 * Called by advice inlined into the JDK's {@code jdk.internal.net.http.HttpClientImpl}, which every
 * {@code java.net.http.HttpClient} sends through. Typed {@code Object}: this class is on the bootstrap
 * path, which cannot see the {@code java.net.http} module's classes. Without the core, or on any
 * failure, the request goes out as the app made it.
 */
public final class JdkHttpBridge {
  private static volatile JdkHttpHandler handler;

  private JdkHttpBridge() {}

  /** Installs the core's handler. */
  public static void install(JdkHttpHandler h) {
    handler = h;
  }

  /** See {@link JdkHttpHandler#enter}; null leaves the call as it is. */
  public static Object[] enter(Object request, Object bodyHandler) {
    JdkHttpHandler h = handler;
    if (h == null || request == null || bodyHandler == null) {
      return null;
    }
    try {
      return h.enter(request, bodyHandler);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link JdkHttpHandler#exit}. */
  public static void exit(Object exchange, Object future, Throwable thrown) {
    JdkHttpHandler h = handler;
    if (h == null || exchange == null) {
      return;
    }
    try {
      h.exit(exchange, future, thrown);
    } catch (Throwable ignored) {
      // the app's call goes on as it is
    }
  }
}
