package dev.weft.agent.instrumentation.concurrent;

import net.bytebuddy.asm.AsmVisitorWrapper;

/** The advice for one JDK type. */
interface JdkInstrumentation {

  /** The binary name of the instrumented type. */
  String typeName();

  /** The advice, each on its methods. */
  AsmVisitorWrapper advice();
}
