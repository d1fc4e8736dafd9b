package dev.weft.agent.instrumentation;

import dev.weft.agent.core.OpRegistry;
import dev.weft.agent.core.OpSpec;
import java.util.List;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/** Reads an op's name, kind, parameters and capture switches from its method, without loading classes. */
final class OpSpecs {
  static final String OP_ANNOTATION = "dev.weft.Op";

  private OpSpecs() {}

  static int register(OpRegistry registry, TypeDescription type, MethodDescription method) {
    String key = type.getName() + '#' + method.getInternalName() + method.getDescriptor();
    return registry.register(key, of(type, method));
  }

  static OpSpec of(TypeDescription type, MethodDescription method) {
    AnnotationDescription op = opAnnotation(method);
    String name = op == null ? "" : (String) op.getValue("name").resolve();
    if (name.isEmpty()) {
      name = simpleName(type) + "." + method.getName();
    }
    String kind = op == null ? "" : kind(op);
    String displayName = op == null ? "" : (String) op.getValue("displayName").resolve();
    boolean captureInputs = op == null || (Boolean) op.getValue("captureInputs").resolve();
    boolean captureOutput = op == null || (Boolean) op.getValue("captureOutput").resolve();
    boolean returnsVoid = method.getReturnType().represents(void.class);
    return new OpSpec(name, kind, displayName, parameterNames(method), captureInputs, captureOutput,
        returnsVoid, returnsStage(method));
  }

  private static AnnotationDescription opAnnotation(MethodDescription method) {
    for (AnnotationDescription a : method.getDeclaredAnnotations()) {
      if (a.getAnnotationType().getName().equals(OP_ANNOTATION)) {
        return a;
      }
    }
    return null;
  }

  private static String kind(AnnotationDescription op) {
    Object value = op.getValue("kind").resolve();
    String constant = value instanceof EnumerationDescription ? ((EnumerationDescription) value).getValue() : "NONE";
    return constant.equals("NONE") ? "" : constant.toLowerCase(java.util.Locale.ROOT);
  }

  private static String[] parameterNames(MethodDescription method) {
    List<? extends ParameterDescription> parameters = method.getParameters();
    String[] names = new String[parameters.size()];
    for (int i = 0; i < names.length; i++) {
      ParameterDescription p = parameters.get(i);
      names[i] = p.isNamed() ? p.getName() : "arg" + i;
    }
    return names;
  }

  private static boolean returnsStage(MethodDescription method) {
    try {
      TypeDescription returned = method.getReturnType().asErasure();
      return !returned.isPrimitive() && returned.isAssignableTo(CompletionStage.class);
    } catch (RuntimeException unresolvable) {
      return false;
    }
  }

  /** {@code Outer$Inner} gives {@code Inner}; anonymous and local classes keep what is after the last dot. */
  private static String simpleName(TypeDescription type) {
    String simple = type.getSimpleName();
    if (simple != null && !simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
