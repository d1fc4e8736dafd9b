package dev.weft.agent;

import dev.weft.agent.bootstrap.OpBridge;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The agent's entry point: {@code -javaagent:weft-agent.jar[=k=v,...]}, a late attach, or
 * {@code Weft.init} finding this jar on the class path.
 *
 * <p>It only uses the JDK. It puts this jar on the bootstrap class path, so that the bridge classes in
 * {@code dev.weft.agent.bootstrap} are visible from every class loader (advice inlined into any class
 * calls them), then starts the tracing core inside an {@link AgentClassLoader} that reads the rest of
 * the jar from {@code inst/}.
 */
public final class WeftAgent {
  private static final String CORE_CLASS = "dev.weft.agent.core.AgentCore";
  private static final String SETTINGS_CLASS = "dev.weft.agent.core.AgentSettings";

  private WeftAgent() {}

  /** Called by the JVM for {@code -javaagent}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Called by the JVM when the agent is attached to a running JVM. */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /**
   * Attaches this jar to the running JVM; used by {@code Weft.init} when the agent is on the class path
   * but was not given with {@code -javaagent}. Waits until the agent has started.
   *
   * @throws Exception when the JVM cannot be attached to (no jdk.attach module, attach disabled)
   */
  public static void attach(String args) throws Exception {
    if (installedInBootstrap()) {
      return;
    }
    String jar = agentJar().getPath();
    String pid = Long.toString(ProcessHandle.current().pid());
    if (Boolean.getBoolean("jdk.attach.allowAttachSelf")) {
      Attacher.attach(pid, jar, args);
      return;
    }
    // A JVM may not attach to itself unless started with -Djdk.attach.allowAttachSelf=true,
    // so a short-lived helper JVM does it for us.
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p = new ProcessBuilder(java, "-Xshare:auto", "-cp", jar, Attacher.class.getName(), pid, jar, args)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the attach helper did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("the attach helper failed with exit code " + p.exitValue());
    }
  }

  private static synchronized void start(String args, Instrumentation inst, boolean late) {
    try {
      File jar = agentJar();
      AgentClassLoader loader = new AgentClassLoader(new JarFile(jar, false), jar.toURI().toURL());
      // Settings first: with bad settings or tracing disabled, the JVM is left exactly as it was.
      Object settings = Class.forName(SETTINGS_CLASS, true, loader).getMethod("load", String.class).invoke(null, args);
      if (settings == null) {
        return;
      }
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      Throwable first = OpBridge.claimInstall(new Throwable("weft agent first installed here"));
      if (first != null) {
        IllegalStateException e = new IllegalStateException(
            "weft: the agent is already installed in this JVM; ignoring " + jar, first);
        e.printStackTrace();
        return;
      }
      Class<?> core = Class.forName(CORE_CLASS, true, loader);
      core.getMethod("start", Object.class, Instrumentation.class, boolean.class).invoke(null, settings, inst, late);
    } catch (Throwable t) {
      // The app must run on whatever happens here.
      System.err.println("weft: the agent could not start, tracing is off: " + rootCause(t));
    }
  }

  /**
   * Looks only at the bootstrap loader: touching OpBridge from here would load a second copy of it
   * through this class's loader when the jar is on the class path, and advice would find that one.
   */
  private static boolean installedInBootstrap() {
    try {
      Class<?> bridge = Class.forName("dev.weft.agent.bootstrap.OpBridge", false, null);
      return (Boolean) bridge.getMethod("isInstalled").invoke(null);
    } catch (ClassNotFoundException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  private static File agentJar() throws URISyntaxException {
    return new File(WeftAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.toString();
  }
}
