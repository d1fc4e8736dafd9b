package dev.weft.agent.instrumentation;

import dev.weft.agent.bootstrap.LlmBridge;
import dev.weft.agent.bootstrap.OkHttpHandler;
import dev.weft.agent.core.AgentLog;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The core's side of {@link dev.weft.agent.bootstrap.OkHttpBridge}: adds {@code WeftInterceptor},
 * defined next to each OkHttp copy by a {@link HelperClassLoader}, to clients being built, and keeps the
 * app thread's context of enqueued calls until the dispatcher runs them.
 */
final class OkHttpSupport implements OkHttpHandler {
  private static final String HOOK_CLASS = "dev.weft.http.WeftOkHttp";

  // Keyed by the OkHttpClient.Builder class of each OkHttp copy; the value dies with that class.
  private final ClassValue<MethodHandle> hooks = new ClassValue<MethodHandle>() {
    @Override
    protected MethodHandle computeValue(Class<?> builderType) {
      return hookFor(builderType);
    }
  };
  private final Map<Object, Context> parents = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public void beforeBuild(Object builder) {
    MethodHandle hook = hooks.get(builder.getClass());
    if (hook == null) {
      return;
    }
    try {
      hook.invokeExact(builder);
    } catch (Throwable t) {
      AgentLog.warnOnce("okhttp-build", "could not add the model-call interceptor to an OkHttp client", t);
    }
  }

  @Override
  public void enqueued(Object call) {
    if (!LlmBridge.isActive()) {
      return;
    }
    Context context = Context.current();
    if (context != Context.root()) {
      parents.put(call, context);
    }
  }

  @Override
  public Object parentOf(Object call) {
    return parents.isEmpty() ? null : parents.remove(call);
  }

  private static MethodHandle hookFor(Class<?> builderType) {
    try {
      ClassLoader helpers = new HelperClassLoader(builderType.getClassLoader(), OkHttpSupport.class.getClassLoader());
      Method method = Class.forName(HOOK_CLASS, true, helpers).getDeclaredMethod("beforeBuild", Object.class);
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(void.class, Object.class));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      AgentLog.warnOnce("okhttp-helpers", "could not set up model-call tracing for OkHttp from "
          + builderType.getClassLoader() + "; its calls run untraced", e);
      return null;
    }
  }
}
