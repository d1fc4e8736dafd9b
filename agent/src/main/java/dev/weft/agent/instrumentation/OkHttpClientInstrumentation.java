package dev.weft.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.OkHttpBridge;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code okhttp3.OkHttpClient(Builder)}, which {@code Builder.build()} and {@code new OkHttpClient()}
 * both run: the builder gets the interceptor before the client copies its list. A client made by
 * {@code newBuilder()} copies the interceptor and gets no second one.
 */
final class OkHttpClientInstrumentation {
  private OkHttpClientInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder.type(named("okhttp3.OkHttpClient"))
        .transform((b, type, loader, module, domain) -> b.visit(Advice.to(BuildAdvice.class)
            .on(isConstructor().and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))))));
  }

  static final class BuildAdvice {
    private BuildAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object builder) {
      OkHttpBridge.beforeBuild(builder);
    }
  }
}
