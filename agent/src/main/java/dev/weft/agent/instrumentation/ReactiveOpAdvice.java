package dev.weft.agent.instrumentation;

import dev.weft.agent.bootstrap.OpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into traced methods that return a Reactor {@code Mono} or {@code Flux}: the call ends when the
 * publisher does, so the method returns the core's equivalent of the publisher it made.
 */
final class ReactiveOpAdvice {
  private ReactiveOpAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@OpId int opId, @Advice.AllArguments Object[] arguments) {
    return OpBridge.enter(opId, arguments);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object token,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    returned = OpBridge.exitReactive(token, returned, thrown);
  }
}
