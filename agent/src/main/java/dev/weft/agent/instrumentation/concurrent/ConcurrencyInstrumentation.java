package dev.weft.agent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.agent.bootstrap.ContextBridge;
import dev.weft.agent.core.AgentLog;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the context-propagation advice into the JDK's concurrency classes. Most are loaded before
 * any agent runs, so they are retransformed (no new fields or methods). The advice, inlined into
 * {@code java.base}, calls the bridge in the bootstrap class loader's unnamed module, which
 * {@code java.base} is made to read first.
 */
public final class ConcurrencyInstrumentation {
  private static final List<JdkInstrumentation> ALL = List.of(
      new ThreadInstrumentation(),
      new VirtualThreadInstrumentation(),
      new FutureTaskInstrumentation(),
      new ThreadPoolExecutorInstrumentation(),
      new ForkJoinPoolInstrumentation(),
      new ForkJoinTaskInstrumentation(),
      new CompletableFutureInstrumentation());

  private ConcurrencyInstrumentation() {}

  /** Installs the advice; on any failure logs one warning and leaves the JDK as it was. */
  public static void install(Instrumentation inst) {
    try {
      Module javaBase = Object.class.getModule();
      inst.redefineModule(javaBase, Set.of(ContextBridge.class.getModule()), Map.of(), Map.of(),
          Set.of(), Map.of());
      Map<String, AsmVisitorWrapper> byType = new LinkedHashMap<>();
      for (JdkInstrumentation i : ALL) {
        if (load(i.typeName())) {
          byType.put(i.typeName(), i.advice());
        }
      }
      new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
          .disableClassFormatChanges()
          .with(AgentBuilder.PoolStrategy.Default.FAST)
          .with(new Failures())
          .with(Boolean.getBoolean("weft.debug.instrumentation")
              ? AgentBuilder.Listener.StreamWriting.toSystemError()
              : AgentBuilder.Listener.NoOp.INSTANCE)
          .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
          .with(Boolean.getBoolean("weft.debug.instrumentation")
              ? AgentBuilder.RedefinitionStrategy.Listener.StreamWriting.toSystemError()
              : AgentBuilder.RedefinitionStrategy.Listener.NoOp.INSTANCE)
          .ignore(not(namedOneOf(byType.keySet().toArray(new String[0]))))
          .type(namedOneOf(byType.keySet().toArray(new String[0])))
          .transform(new AgentBuilder.Transformer() {
            @Override
            public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                ClassLoader loader, JavaModule module, ProtectionDomain domain) {
              AsmVisitorWrapper advice = byType.get(type.getName());
              return advice == null ? builder : builder.visit(advice);
            }
          })
          .installOn(inst);
    } catch (Throwable t) {
      AgentLog.warnOnce("concurrency", "could not instrument the JDK's thread pools; traces stop at thread"
          + " boundaries", t);
    }
  }

  /**
   * Loads the type now, so that it is retransformed with the others: a class first loaded while Byte
   * Buddy transforms another one (Byte Buddy itself may load it) would be skipped.
   */
  private static boolean load(String typeName) {
    try {
      Class.forName(typeName, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false; // VirtualThread before JDK 21
    }
  }

  /** A class that could not be instrumented stays as it was; said once. */
  private static final class Failures extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.warnOnce("instrument:" + typeName, "could not instrument " + typeName
          + "; work it runs on other threads starts new traces", t);
    }
  }
}
