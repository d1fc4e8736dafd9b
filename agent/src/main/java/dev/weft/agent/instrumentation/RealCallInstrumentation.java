package dev.weft.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.OkHttpBridge;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code RealCall.enqueue} ({@code okhttp3.RealCall} in 3.x, {@code okhttp3.internal.connection.RealCall}
 * in 4.x and 5.x): the interceptors run later on a dispatcher thread, maybe started from another
 * thread, so the enqueuing thread's context is remembered for the call.
 */
final class RealCallInstrumentation {
  private RealCallInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder.type(namedOneOf("okhttp3.RealCall", "okhttp3.internal.connection.RealCall"))
        .transform((b, type, loader, module, domain) -> b.visit(Advice.to(EnqueueAdvice.class)
            .on(named("enqueue").and(takesArguments(1)))));
  }

  static final class EnqueueAdvice {
    private EnqueueAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object call) {
      OkHttpBridge.enqueued(call);
    }
  }
}
