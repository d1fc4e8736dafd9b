package dev.weft.eval;

import dev.weft.Op;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an {@link Evaluation} runs a row through: a function, traced as an op named after the model, or
 * an object's {@code predict} method, which the agent traces itself when it is an {@code @Op}.
 */
final class Model {
  final String name;
  final String opName;
  final Function<Map<String, Object>, Object> predict;
  final boolean tracesItself;

  private Model(String name, String opName, Function<Map<String, Object>, Object> predict, boolean tracesItself) {
    this.name = name;
    this.opName = opName;
    this.predict = predict;
    this.tracesItself = tracesItself;
  }

  static Model function(String name, Function<Map<String, Object>, Object> predict) {
    return new Model(name, name.isEmpty() ? "predict" : name, predict, false);
  }

  /** An object with a {@code predict} method, called with the model input's fields by parameter name. */
  static Model object(Object model) {
    Objects.requireNonNull(model, "model");
    Method predict = Reflection.predict(model.getClass());
    Function<Map<String, Object>, Object> call = input -> Reflection.call(model, predict, input, false, null);
    return new Model(Reflection.modelName(model), model.getClass().getSimpleName() + ".predict", call,
        predict.isAnnotationPresent(Op.class));
  }
}
