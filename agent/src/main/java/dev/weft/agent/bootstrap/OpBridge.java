package dev.weft.agent.bootstrap;

/**
 * Called by the advice inlined into {@code @Op} methods. Until the core installs its handler, calls do
 * nothing. Also records the first install, so that a second agent in the same JVM can say where the
 * first one came from.
 */
public final class OpBridge {
  private static volatile OpHandler handler;
  private static Throwable firstInstall;

  private OpBridge() {}

  /** Starts a call; returns null when nothing is traced. Never throws. */
  public static Object enter(int opId, Object[] arguments) {
    OpHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.enter(opId, arguments);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Ends the call {@code token} stands for. Never throws. */
  public static void exit(Object token, Object returned, Throwable thrown) {
    OpHandler h = handler;
    if (token == null || h == null) {
      return;
    }
    try {
      h.exit(token, returned, thrown);
    } catch (Throwable ignored) {
      // the handler logs its own failures; the app's method must end as it would have
    }
  }

  /**
   * Ends the call {@code token} stands for when the Reactor publisher {@code returned} terminates, and
   * returns the publisher the method must return instead. Never throws.
   */
  public static Object exitReactive(Object token, Object returned, Throwable thrown) {
    OpHandler h = handler;
    if (token == null || h == null) {
      return returned;
    }
    try {
      return h.exitReactive(token, returned, thrown);
    } catch (Throwable ignored) {
      return returned;
    }
  }

  /** Installs the core's handler. */
  public static void install(OpHandler h) {
    handler = h;
  }

  /** Whether an agent has started in this JVM. */
  public static synchronized boolean isInstalled() {
    return firstInstall != null;
  }

  /** Records this install; returns null when it is the first, else the first install's stack. */
  public static synchronized Throwable claimInstall(Throwable here) {
    if (firstInstall != null) {
      return firstInstall;
    }
    firstInstall = here;
    return null;
  }
}
