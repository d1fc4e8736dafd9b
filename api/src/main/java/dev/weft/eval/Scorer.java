package dev.weft.eval;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A scorer of an {@link Evaluation}: a function of the row and the output, traced as an op named after
 * it, or an {@code @Op} method, which the agent traces itself.
 */
final class Scorer {
  final String name;
  final BiFunction<Map<String, Object>, Object, Object> score;
  final boolean tracesItself;

  private Scorer(String name, BiFunction<Map<String, Object>, Object, Object> score, boolean tracesItself) {
    this.name = name;
    this.score = score;
    this.tracesItself = tracesItself;
  }

  static Scorer function(String name, BiFunction<Map<String, Object>, Object, Object> score) {
    return new Scorer(name, score, false);
  }

  /** An {@code @Op} method: its arguments are the row's fields by name and {@code output}. */
  static Scorer opMethod(Object holder, Method method) {
    return new Scorer(method.getName(), (row, output) -> Reflection.call(holder, method, row, true, output), true);
  }
}
