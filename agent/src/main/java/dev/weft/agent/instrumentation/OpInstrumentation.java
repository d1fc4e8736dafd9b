package dev.weft.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.weft.agent.core.AgentLog;
import dev.weft.agent.core.OpRegistry;
import dev.weft.agent.core.OpsInclude;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Traces methods annotated {@code @dev.weft.Op}, and the methods named by {@code weft.ops.include}, in
 * classes of any class loader. Annotation values are read from the class file, so nothing is loaded to
 * decide; each method gets a constant op id.
 */
public final class OpInstrumentation {
  private static final String REACTOR_MONO = "reactor.core.publisher.Mono";
  private static final String REACTOR_FLUX = "reactor.core.publisher.Flux";

  private OpInstrumentation() {}

  /**
   * Installs the transformer. With {@code late}, classes loaded before the agent (a runtime attach) are
   * retransformed too.
   */
  public static void install(Instrumentation inst, OpRegistry registry, OpsInclude include, boolean late) {
    ElementMatcher.Junction<MethodDescription> methods = isMethod()
        .and(isAnnotatedWith(named(OpSpecs.OP_ANNOTATION)).or(included(include)))
        .and(not(isAbstract())).and(not(isNative())).and(not(isBridge())).and(not(isSynthetic()));
    ElementMatcher.Junction<MethodDescription> reactive = returns(namedOneOf(REACTOR_MONO, REACTOR_FLUX));
    AsmVisitorWrapper advice = new AsmVisitorWrapper.Compound(
        Advice.withCustomMapping().bind(new OpIdFactory(registry)).to(OpAdvice.class)
            .on(methods.and(not(reactive))),
        Advice.withCustomMapping().bind(new OpIdFactory(registry)).to(ReactiveOpAdvice.class)
            .on(methods.and(reactive)));
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.PoolStrategy.Default.EXTENDED)
        .with(new FailureListener())
        .with(Boolean.getBoolean("weft.debug.instrumentation")
            ? AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly()
            : AgentBuilder.Listener.NoOp.INSTANCE)
        .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun.")).or(nameStartsWith("net.bytebuddy."))
            .or(nameStartsWith("dev.weft.agent.bootstrap.")).or(isSynthetic()))
        // the agent's own classes: everything its class loader defines
        .or(any(), is(OpInstrumentation.class.getClassLoader()));
    if (late) {
      builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }
    builder.type(declaresMethod(methods))
        .transform(new AgentBuilder.Transformer() {
          @Override
          public DynamicType.Builder<?> transform(DynamicType.Builder<?> b, TypeDescription type,
              ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
            return b.visit(advice);
          }
        })
        .installOn(inst);
  }

  private static ElementMatcher.Junction<MethodDescription> included(OpsInclude include) {
    if (include == null || include.entries().isEmpty()) {
      return none();
    }
    return new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
      @Override
      public boolean matches(MethodDescription method) {
        return !method.isConstructor() && !method.getName().startsWith("lambda$")
            && include.matches(method.getDeclaringType().asErasure().getName(), method.getName());
      }
    };
  }

  /** Resolves {@link OpId} to the registered id of the method being instrumented. */
  private static final class OpIdFactory implements Advice.OffsetMapping.Factory<OpId> {
    private final OpRegistry registry;

    OpIdFactory(OpRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Class<OpId> getAnnotationType() {
      return OpId.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
        AnnotationDescription.Loadable<OpId> annotation, AdviceType adviceType) {
      return (type, method, assigner, argumentHandler, sort) ->
          new Advice.OffsetMapping.Target.ForStackManipulation(
              IntegerConstant.forValue(OpSpecs.register(registry, type, method)));
    }
  }

  /** Logs a class that could not be instrumented, once per class, and leaves it as it was. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.warnOnce("instrument:" + typeName, "could not instrument " + typeName + "; it runs untraced", t);
    }
  }

}
