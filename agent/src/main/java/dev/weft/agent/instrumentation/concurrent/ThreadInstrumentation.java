package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.weft.agent.bootstrap.ContextBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * A new platform thread runs its task in the context it was created in. The public constructors hand
 * the task to a private one (at a position that depends on the JDK); the first to see it wraps it.
 */
final class ThreadInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.lang.Thread";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return taskAdvice();
  }

  /** The constructors taking the task as argument 0, 1 (JDK 17) or 3 (JDK 21+, and VirtualThread's). */
  static AsmVisitorWrapper taskAdvice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(TaskAt0Advice.class).on(isConstructor().and(takesArgument(0, Runnable.class))),
        Advice.to(TaskAt1Advice.class).on(isConstructor().and(takesArgument(1, Runnable.class))),
        Advice.to(TaskAt3Advice.class).on(isConstructor().and(takesArgument(3, Runnable.class))));
  }

  static final class TaskAt0Advice {
    private TaskAt0Advice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextBridge.wrapThreadTask(task);
    }
  }

  static final class TaskAt1Advice {
    private TaskAt1Advice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 1, readOnly = false) Runnable task) {
      task = ContextBridge.wrapThreadTask(task);
    }
  }

  static final class TaskAt3Advice {
    private TaskAt3Advice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
      task = ContextBridge.wrapThreadTask(task);
    }
  }
}
