package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.ContextBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * {@code fork()} remembers the current context for the task; {@code doExec()}, where a pool runs it,
 * makes that context current around the task and restores the worker's own afterwards. Parallel
 * streams are trees of forked tasks, so each subtask carries the context of the one that forked it.
 */
final class ForkJoinTaskInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.util.concurrent.ForkJoinTask";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(ForkAdvice.class).on(named("fork").and(takesArguments(0))),
        Advice.to(ExecAdvice.class).on(named("doExec").and(takesArguments(0))));
  }

  static final class ForkAdvice {
    private ForkAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object task) {
      ContextBridge.taskQueued(task);
    }
  }

  static final class ExecAdvice {
    private ExecAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object task) {
      return ContextBridge.taskStarting(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object scope) {
      ContextBridge.detach(scope);
    }
  }
}
