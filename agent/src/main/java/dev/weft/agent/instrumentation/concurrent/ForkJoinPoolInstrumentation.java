package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.ContextBridge;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Runnables and callables handed to a {@code ForkJoinPool} are wrapped before the pool adapts them (the
 * app only ever sees the adapter). A {@code ForkJoinTask} is the app's own future, so its context is
 * remembered for it instead (see {@link ForkJoinTaskInstrumentation}).
 */
final class ForkJoinPoolInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.util.concurrent.ForkJoinPool";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(RunnableAdvice.class).on(isPublic().and(namedOneOf("execute", "submit"))
            .and(takesArgument(0, Runnable.class))),
        Advice.to(CallableAdvice.class).on(isPublic().and(named("submit")).and(takesArguments(1))
            .and(takesArgument(0, Callable.class))),
        Advice.to(TaskAdvice.class).on(isPublic()
            .and(namedOneOf("execute", "submit", "invoke", "lazySubmit", "externalSubmit"))
            .and(takesArguments(1)).and(takesArgument(0, ForkJoinTask.class))));
  }

  static final class RunnableAdvice {
    private RunnableAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      if (task instanceof ForkJoinTask) {
        ContextBridge.taskQueued(task);
      } else {
        task = ContextBridge.wrap(task);
      }
    }
  }

  static final class CallableAdvice {
    private CallableAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
      task = ContextBridge.wrap(task);
    }
  }

  static final class TaskAdvice {
    private TaskAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) ForkJoinTask<?> task) {
      ContextBridge.taskQueued(task);
    }
  }
}
