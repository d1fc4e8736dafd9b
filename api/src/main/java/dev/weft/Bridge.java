package dev.weft;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Talks to the agent through a class it puts on the bootstrap class path. The contract uses JDK types
 * only, so the api needs no dependency on the agent and works with any agent version that speaks it.
 */
final class Bridge {
  /** Marks the end of a call that returned nothing, as distinct from one that returned null. */
  static final Object VOID = new Object();

  private static final String BRIDGE_CLASS = "dev.weft.agent.bootstrap.ApiBridge";
  private static final String AGENT_CLASS = "dev.weft.agent.WeftAgent";
  private static final Weft.Scope NOOP_SCOPE = () -> {};

  private static volatile Handles handles = Handles.find();

  private Bridge() {}

  static boolean isActive() {
    return handles != null;
  }

  static void init(String project) {
    if (handles == null) {
      attachAgent(project);
      handles = Handles.find();
    }
    Handles h = handles;
    if (h == null) {
      return;
    }
    try {
      h.init.invokeExact(project);
    } catch (Throwable t) {
      say("weft: init failed; tracing stays off: " + t);
    }
  }

  static Object startOp(String name, Kind kind, Map<String, ?> inputs) {
    Handles h = handles;
    if (h == null || name == null) {
      return null;
    }
    // Locals with exact types: invokeExact takes its signature from the argument expressions' types.
    String kindName = kind == null ? "" : kind.wireName();
    Map<?, ?> inputMap = inputs;
    try {
      return (Object) h.startOp.invokeExact(name, kindName, inputMap);
    } catch (Throwable t) {
      return null;
    }
  }

  static void endOp(Object token, Object output, Throwable error) {
    Handles h = handles;
    if (h == null || token == null) {
      return;
    }
    try {
      boolean isVoid = output == VOID;
      Object value = isVoid ? null : output;
      h.endOp.invokeExact(token, value, isVoid, error);
    } catch (Throwable ignored) {
      // never break the caller
    }
  }

  static Weft.Scope pushAttributes(Map<String, ?> attributes) {
    Handles h = handles;
    if (h == null) {
      return NOOP_SCOPE;
    }
    try {
      Object scope = (Object) h.pushAttributes.invokeExact((Map<?, ?>) attributes);
      return scope == null ? NOOP_SCOPE : new AttributeScope(h, scope);
    } catch (Throwable t) {
      return NOOP_SCOPE;
    }
  }

  static Weft.Scope pushThread(String threadId) {
    Handles h = handles;
    if (h == null || h.pushThread == null) {
      return NOOP_SCOPE;
    }
    try {
      Object scope = (Object) h.pushThread.invokeExact(threadId);
      return scope == null ? NOOP_SCOPE : new AttributeScope(h, scope);
    } catch (Throwable t) {
      return NOOP_SCOPE;
    }
  }

  static Call currentCall() {
    Handles h = handles;
    if (h == null) {
      return Call.none();
    }
    try {
      String[] call = (String[]) h.currentCall.invokeExact();
      return call == null ? Call.none() : Call.of(call[0], call[1], call[2]);
    } catch (Throwable t) {
      return Call.none();
    }
  }

  /** Loads the agent from the class path into this JVM, when it is there and was not given on the command line. */
  private static void attachAgent(String project) {
    Class<?> agent;
    try {
      agent = Class.forName(AGENT_CLASS, false, Bridge.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      say("weft: no agent installed and weft-agent is not on the class path; tracing is off"
          + " (run with -javaagent:weft-agent.jar)");
      return;
    }
    try {
      Method attach = agent.getMethod("attach", String.class);
      attach.invoke(null, "project=" + project);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      say("weft: could not attach the agent to this JVM (" + cause
          + "); tracing is off. Run with -javaagent:weft-agent.jar instead.");
    }
  }

  /** One line on stderr: the app's stdout stays its own, and no logging set-up can split the line. */
  private static void say(String line) {
    System.err.println(line);
  }

  private static final class AttributeScope implements Weft.Scope {
    private final Handles handles;
    private Object scope;

    AttributeScope(Handles handles, Object scope) {
      this.handles = handles;
      this.scope = scope;
    }

    @Override
    public void close() {
      Object s = scope;
      scope = null;
      if (s == null) {
        return;
      }
      try {
        handles.popScope.invokeExact(s);
      } catch (Throwable ignored) {
        // never break the caller
      }
    }
  }

  /** Method handles to the agent's bridge; null when no agent is installed. */
  private static final class Handles {
    final MethodHandle init;
    final MethodHandle startOp;
    final MethodHandle endOp;
    final MethodHandle pushAttributes;
    final MethodHandle popScope;
    final MethodHandle currentCall;
    /** Null with an agent that predates conversation threads. */
    final MethodHandle pushThread;

    private Handles(Class<?> bridge) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      init = lookup.findStatic(bridge, "init", MethodType.methodType(void.class, String.class));
      startOp = lookup.findStatic(bridge, "startOp",
          MethodType.methodType(Object.class, String.class, String.class, Map.class));
      endOp = lookup.findStatic(bridge, "endOp",
          MethodType.methodType(void.class, Object.class, Object.class, boolean.class, Throwable.class));
      pushAttributes = lookup.findStatic(bridge, "pushAttributes", MethodType.methodType(Object.class, Map.class));
      popScope = lookup.findStatic(bridge, "popScope", MethodType.methodType(void.class, Object.class));
      currentCall = lookup.findStatic(bridge, "currentCall", MethodType.methodType(String[].class));
      pushThread = optional(lookup, bridge, "pushThread", MethodType.methodType(Object.class, String.class));
    }

    private static MethodHandle optional(MethodHandles.Lookup lookup, Class<?> bridge, String name, MethodType type) {
      try {
        return lookup.findStatic(bridge, name, type);
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }

    static Handles find() {
      try {
        // Only the bootstrap loader's copy counts: that is the one the agent installed.
        Class<?> bridge = Class.forName(BRIDGE_CLASS, true, null);
        Boolean installed = (Boolean) bridge.getMethod("isInstalled").invoke(null);
        return installed ? new Handles(bridge) : null;
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return null;
      }
    }
  }
}
