package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.agent.bootstrap.ContextBridge;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * {@code execute(Runnable)} of a plain task wraps it (a {@code FutureTask} carries its own context).
 * The wrapper does not reach the app through the pool's API: {@code remove(task)} finds it and
 * {@code shutdownNow()} hands back the app's own tasks. A {@code Comparable} task is left alone, since
 * it may be headed for a priority queue that compares tasks. (Known gap: a subclass's
 * {@code beforeExecute}/{@code afterExecute} sees the wrapper of a plain task executed inside a call.)
 */
final class ThreadPoolExecutorInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.util.concurrent.ThreadPoolExecutor";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(ExecuteAdvice.class).on(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class))),
        Advice.to(RemoveAdvice.class).on(named("remove").and(takesArguments(1)).and(takesArgument(0, Runnable.class))),
        Advice.to(ShutdownNowAdvice.class).on(named("shutdownNow").and(takesArguments(0))));
  }

  static final class ExecuteAdvice {
    private ExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable command) {
      if (!(command instanceof FutureTask) && !(command instanceof Comparable)) {
        command = ContextBridge.wrap(command);
      }
    }
  }

  static final class RemoveAdvice {
    private RemoveAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task,
        @Advice.FieldValue("workQueue") BlockingQueue<Runnable> queue) {
      task = ContextBridge.queued(queue, task);
    }
  }

  static final class ShutdownNowAdvice {
    private ShutdownNowAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return List<Runnable> tasks) {
      ContextBridge.unwrapAll(tasks);
    }
  }
}
