package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;

import dev.weft.agent.bootstrap.ContextBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * JDK 21+: a virtual thread runs its task in the context it was created in. Every way of making one
 * ({@code Thread.ofVirtual()}, {@code Thread.startVirtualThread}, the thread-per-task executor,
 * {@code StructuredTaskScope.fork}) goes through its constructor. Scheduling the thread's continuation
 * on its carrier pool (at start and at every unpark) is the JDK's own business: the fork/join advice is
 * kept out of it.
 */
final class VirtualThreadInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.lang.VirtualThread";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(ThreadInstrumentation.taskAdvice(),
        Advice.to(SchedulingAdvice.class).on(nameContains("ubmitRunContinuation")));
  }

  static final class SchedulingAdvice {
    private SchedulingAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter() {
      return ContextBridge.clear();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object scope) {
      ContextBridge.detach(scope);
    }
  }
}
