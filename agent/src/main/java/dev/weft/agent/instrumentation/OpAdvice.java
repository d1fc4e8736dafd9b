package dev.weft.agent.instrumentation;

import dev.weft.agent.bootstrap.OpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into every traced method. Only calls the bridge: no lambdas, no string concatenation. */
final class OpAdvice {
  private OpAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@OpId int opId, @Advice.AllArguments Object[] arguments) {
    return OpBridge.enter(opId, arguments);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    OpBridge.exit(token, returned, thrown);
  }
}
