package dev.weft.agent.instrumentation;

import dev.weft.agent.bootstrap.OkHttpBridge;
import dev.weft.agent.core.AgentLog;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Model calls made with OkHttp (3.14, 4.x, 5.x), including the OpenAI Java SDK's: every client built
 * gets {@code dev.weft.http.WeftInterceptor} first ({@link OkHttpClientInstrumentation}), and enqueued
 * calls carry the enqueuing thread's context to the dispatcher thread ({@link RealCallInstrumentation}).
 */
public final class OkHttpInstrumentation {
  private OkHttpInstrumentation() {}

  /** Installs the bridge handler and the transformers; with {@code late}, loaded classes are retransformed. */
  public static void install(Instrumentation inst, boolean late) {
    OkHttpBridge.install(new OkHttpSupport());
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(new FailureListener());
    if (late) {
      builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }
    builder = OkHttpClientInstrumentation.apply(builder);
    builder = RealCallInstrumentation.apply(builder);
    builder.installOn(inst);
  }

  /** Logs a class that could not be instrumented, once per class, and leaves it as it was. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.warnOnce("instrument:" + typeName, "could not instrument " + typeName + "; its model calls run untraced", t);
    }
  }
}
