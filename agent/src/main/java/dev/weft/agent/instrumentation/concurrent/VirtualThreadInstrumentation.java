package dev.weft.agent.instrumentation.concurrent;

import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * JDK 21+: a virtual thread runs its task in the context it was created in. Every way of making one
 * ({@code Thread.ofVirtual()}, {@code Thread.startVirtualThread}, the thread-per-task executor,
 * {@code StructuredTaskScope.fork}) goes through its constructor.
 */
final class VirtualThreadInstrumentation implements JdkInstrumentation {

  @Override
  public String typeName() {
    return "java.lang.VirtualThread";
  }

  @Override
  public AsmVisitorWrapper advice() {
    return ThreadInstrumentation.taskAdvice();
  }
}
