package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.weft.agent.bootstrap.ContextBridge;
import java.util.concurrent.Executor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * An {@code *Async} stage made inside a call may fire later on whatever thread completes its source;
 * its executor is wrapped where the stage is made ({@code uniApplyStage(Executor, ..)} and the other
 * private {@code *Stage} methods), so it hands its work over in the call's context. The first stage
 * ({@code supplyAsync}, {@code runAsync}) is handed over at once and needs nothing here.
 */
final class CompletableFutureInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.util.concurrent.CompletableFuture";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(StageAdvice.class)
        .on(nameEndsWith("Stage").and(not(isStatic())).and(takesArgument(0, Executor.class)));
  }

  static final class StageAdvice {
    private StageAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Executor executor) {
      executor = ContextBridge.wrapExecutor(executor);
    }
  }
}
