package dev.weft.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.JdkHttpBridge;
import dev.weft.agent.core.AgentLog;
import java.lang.instrument.Instrumentation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Traces model calls of every {@code java.net.http.HttpClient}, however the app built it: advice on
 * {@code jdk.internal.net.http.HttpClientImpl}'s private {@code sendAsync(request, handler,
 * pushPromiseHandler, executor)}, which {@code send} and both public {@code sendAsync} methods go
 * through (JDK 11 to 25). The app's client keeps its class and every method, {@code close()} and
 * {@code shutdown()} of JDK 21+ included. The class is usually loaded already (the agent's own
 * exporter sends with it): then that one class is retransformed, with no scan of every loaded class;
 * otherwise it is transformed as it loads. The agent's exports are no model calls and are passed
 * over after one path check (no body is read).
 */
public final class HttpClientImplInstrumentation {
  private static final String MODULE = "java.net.http";
  private static final String TYPE = "jdk.internal.net.http.HttpClientImpl";

  private HttpClientImplInstrumentation() {}

  /** Installs the advice; on any failure the JDK client runs untraced and one warning says so. */
  public static void install(Instrumentation inst) {
    Optional<Module> http = ModuleLayer.boot().findModule(MODULE);
    if (http.isEmpty()) {
      return; // a runtime without java.net.http: nothing to trace
    }
    long started = System.nanoTime();
    try {
      // The advice is inlined into a named module; it calls the bridge in the bootstrap unnamed module.
      inst.redefineModule(http.get(), Collections.singleton(JdkHttpBridge.class.getModule()),
          Collections.emptyMap(), Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
      JdkHttpBridge.install(new JdkHttpCapture());
      AsmVisitorWrapper advice = Advice.to(SendAsyncAdvice.class).on(named("sendAsync")
          .and(takesArguments(4)).and(takesArgument(0, HttpRequest.class)));
      AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
          .disableClassFormatChanges()
          .with(AgentBuilder.TypeStrategy.Default.DECORATE); // advice only: the cheapest rewrite
      Class<?> loaded = loaded(inst);
      if (loaded != null) {
        builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(loaded));
      }
      builder.with(new FailureListener())
          // only the platform loader's classes are looked at as they load: one comparison for others
          .ignore(any(), not(is(ClassLoader.getPlatformClassLoader())))
          .type(named(TYPE))
          .transform(new AgentBuilder.Transformer() {
            @Override
            public DynamicType.Builder<?> transform(DynamicType.Builder<?> b, TypeDescription type,
                ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
              return b.visit(advice);
            }
          })
          .installOn(inst);
      AgentLog.debug("JDK HttpClient instrumented in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    } catch (Throwable t) {
      AgentLog.warnOnce("instrument:" + TYPE, "could not instrument the JDK HttpClient; its model calls run untraced", t);
    }
  }

  /** The class when the platform loader has loaded it already, else null (nothing is loaded to know). */
  private static Class<?> loaded(Instrumentation inst) {
    for (Class<?> c : inst.getInitiatedClasses(ClassLoader.getPlatformClassLoader())) {
      if (c.getName().equals(TYPE)) {
        return c;
      }
    }
    return null;
  }

  /** Inlined into {@code HttpClientImpl.sendAsync}: swaps in the captured request and handler. */
  static final class SendAsyncAdvice {
    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object[] enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler<?> handler) {
      Object[] exchange = JdkHttpBridge.enter(request, handler);
      if (exchange != null) {
        request = (HttpRequest) exchange[0];
        handler = (HttpResponse.BodyHandler<?>) exchange[1];
      }
      return exchange;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object[] exchange, @Advice.Return Object future,
        @Advice.Thrown Throwable thrown) {
      if (exchange != null) {
        JdkHttpBridge.exit(exchange[2], future, thrown);
      }
    }
  }

  /** Logs a failure to instrument once, and leaves the class as it was. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.warnOnce("instrument:" + typeName, "could not instrument " + typeName + "; it runs untraced", t);
    }
  }
}
