package dev.weft.eval;

import dev.weft.Op;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Models and scorers given as objects with {@code @Op} methods, and rows given as records: bound by
 * parameter name, the way Weave passes a row's fields to a function's arguments. The api compiles for
 * Java 11, so records are read through {@code Class.getRecordComponents} found by reflection.
 */
final class Reflection {
  private Reflection() {}

  /** A row's fields: a map as it is, a record by its components in order. */
  static Map<String, Object> row(Object row) {
    Objects.requireNonNull(row, "dataset row");
    if (row instanceof Map) {
      Map<String, Object> fields = new LinkedHashMap<>();
      ((Map<?, ?>) row).forEach((k, v) -> fields.put(String.valueOf(k), v));
      return fields;
    }
    Object[] components = recordComponents(row.getClass());
    if (components == null) {
      throw new IllegalArgumentException("a dataset row must be a Map or a record, was " + row.getClass().getName());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      for (Object component : components) {
        String name = (String) component.getClass().getMethod("getName").invoke(component);
        Method accessor = (Method) component.getClass().getMethod("getAccessor").invoke(component);
        accessor.setAccessible(true);
        fields.put(name, accessor.invoke(row));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the record " + row.getClass().getName() + ": " + e, e);
    }
    return fields;
  }

  private static Object[] recordComponents(Class<?> type) {
    try {
      return (Object[]) Class.class.getMethod("getRecordComponents").invoke(type);
    } catch (ReflectiveOperationException e) {
      return null; // Java 11..15: no records
    }
  }

  /** The model's {@code predict} method: the {@code @Op} one if any, else the only one. */
  static Method predict(Class<?> type) {
    List<Method> candidates = new ArrayList<>();
    for (Method m : methods(type)) {
      if (m.getName().equals("predict") && !Modifier.isStatic(m.getModifiers())) {
        candidates.add(m);
      }
    }
    candidates.sort((a, b) -> Boolean.compare(b.isAnnotationPresent(Op.class), a.isAnnotationPresent(Op.class)));
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " has no predict method; give the model as a function instead");
    }
    return candidates.get(0);
  }

  /** The {@code @Op} methods of {@code holder}: its static ones when it is a class, else its instance ones. */
  static List<Method> opMethods(Object holder) {
    boolean statics = holder instanceof Class;
    Class<?> type = statics ? (Class<?>) holder : holder.getClass();
    List<Method> ops = new ArrayList<>();
    for (Method m : methods(type)) {
      if (m.isAnnotationPresent(Op.class) && Modifier.isStatic(m.getModifiers()) == statics) {
        ops.add(m);
      }
    }
    ops.sort((a, b) -> a.getName().compareTo(b.getName()));
    return ops;
  }

  private static List<Method> methods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Collections.addAll(methods, c.getDeclaredMethods());
    }
    methods.removeIf(Method::isSynthetic);
    return methods;
  }

  /** The model's name for the trace and the table: its {@code model()} or {@code name()}, else the class name. */
  static String modelName(Object model) {
    for (String accessor : new String[] {"model", "name"}) {
      try {
        Method m = model.getClass().getMethod(accessor);
        if (m.getReturnType() == String.class && m.getParameterCount() == 0) {
          Object name = m.invoke(model);
          if (name != null && !name.toString().isEmpty()) {
            return name.toString();
          }
        }
      } catch (ReflectiveOperationException | RuntimeException ignored) {
        // no such accessor: try the next
      }
    }
    return model.getClass().getSimpleName();
  }

  /**
   * Calls {@code method} on {@code target} with arguments taken by parameter name from {@code fields},
   * plus {@code output} for a parameter named {@code output} (or {@code model_output}) when {@code
   * withOutput}. A single {@code Map} parameter named otherwise gets all the fields.
   */
  static Object call(Object target, Method method, Map<String, Object> fields, boolean withOutput, Object output) {
    Parameter[] parameters = method.getParameters();
    Object[] args = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      Parameter p = parameters[i];
      String name = p.getName();
      if (withOutput && (name.equals("output") || name.equals("model_output") || name.equals("modelOutput"))) {
        args[i] = output;
      } else if (fields.containsKey(name)) {
        args[i] = fields.get(name);
      } else if (Map.class.isAssignableFrom(p.getType())) {
        args[i] = fields;
      } else {
        throw new IllegalArgumentException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
            + " takes '" + name + "' but the row has only " + fields.keySet()
            + (p.isNamePresent() ? "" : " (compile with -parameters so parameter names are known)"));
      }
    }
    try {
      method.setAccessible(true);
      return method.invoke(Modifier.isStatic(method.getModifiers()) ? null : target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      } else if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause.toString(), cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method + ": " + e, e);
    }
  }
}
