package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.weft.agent.bootstrap.ContextBridge;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * A {@code FutureTask} (what {@code submit}, {@code invokeAll} and every {@code schedule} make) runs in
 * the context it was made in. Its callable is private, so wrapping it changes nothing the app can see:
 * the task keeps its class and identity for {@code remove}, {@code shutdownNow} and {@code cancel}.
 */
final class FutureTaskInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.util.concurrent.FutureTask";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(ConstructorAdvice.class).on(isConstructor());
  }

  static final class ConstructorAdvice {
    private ConstructorAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.FieldValue(value = "callable", readOnly = false) Callable<?> callable) {
      callable = ContextBridge.wrap(callable);
    }
  }
}
