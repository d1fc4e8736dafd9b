package dev.weft.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A dataset, scorers and a number of trials, evaluated against models the way Weave's {@code
 * weave.Evaluation} is: rows run in parallel, rate limits and server errors are retried, other errors are
 * recorded on their row, and the run is traced as Weave's call tree ({@code Evaluation.evaluate} →
 * {@code Evaluation.predict_and_score} per row → the model and each scorer → {@code
 * Evaluation.summarize}) when the agent is installed.
 *
 * <p>Instances are immutable and may be evaluated against any number of models.
 */
public final class Evaluation {
  /** Weave's default number of rows evaluated at once. */
  static final int DEFAULT_PARALLELISM = 20;

  private final String name;
  private final List<Map<String, Object>> dataset;
  private final Map<String, Scorer> scorers;
  private final Function<Map<String, Object>, Map<String, Object>> preprocessModelInput;
  private final int trials;
  private final int parallelism;
  private final boolean progress;
  private final Sleeper sleeper;

  private Evaluation(Builder b) {
    this.name = b.name;
    this.dataset = Collections.unmodifiableList(new ArrayList<>(b.dataset));
    this.scorers = Collections.unmodifiableMap(new LinkedHashMap<>(b.scorers));
    this.preprocessModelInput = b.preprocessModelInput;
    this.trials = b.trials;
    this.parallelism = b.parallelism > 0 ? b.parallelism : defaultParallelism();
    this.progress = b.progress;
    this.sleeper = b.sleeper;
  }

  /** A builder for an evaluation; a dataset is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every row of the dataset {@code trials} times through {@code model} and the scorers, and
   * summarizes. Never throws for a failing row: its error is recorded in {@link RowResult#error()}.
   *
   * @param modelName the model's name: the name of its op in the trace and in the summary table
   * @param model the model: a row in, an output out
   */
  public EvaluationResult evaluate(String modelName, Function<Map<String, Object>, Object> model) {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(model, "model");
    return new Runner(this, Model.function(modelName, model)).run();
  }

  /**
   * Like {@link #evaluate(String, Function)} for a model object, Weave's {@code weave.Model}: its {@code
   * predict} method is called with the (preprocessed) row's fields by parameter name, or with the whole
   * row when it takes one {@code Map}. An {@code @Op} predict method is traced as that op; any other is
   * traced as {@code ClassName.predict}. The model's name is what its {@code model()} or {@code name()}
   * returns (a record component, say), else its class name.
   *
   * @throws IllegalArgumentException when the object has no {@code predict} method
   */
  public EvaluationResult evaluate(Object model) {
    return new Runner(this, Model.object(model)).run();
  }

  /** The evaluation's name. */
  public String name() {
    return name;
  }

  /** The rows evaluated, in order. */
  public List<Map<String, Object>> dataset() {
    return dataset;
  }

  /** The scorer names, in order. */
  public List<String> scorerNames() {
    return Collections.unmodifiableList(new ArrayList<>(scorers.keySet()));
  }

  /** How many times each row is evaluated. */
  public int trials() {
    return trials;
  }

  /** How many rows are evaluated at once. */
  public int parallelism() {
    return parallelism;
  }

  Map<String, Scorer> scorers() {
    return scorers;
  }

  Function<Map<String, Object>, Map<String, Object>> preprocessModelInput() {
    return preprocessModelInput;
  }

  boolean progress() {
    return progress;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  /** {@code weft.parallelism}, else {@code WEFT_PARALLELISM} or {@code WEAVE_PARALLELISM}, else Weave's 20. */
  static int defaultParallelism() {
    String[] candidates = {
      System.getProperty("weft.parallelism"), System.getenv("WEFT_PARALLELISM"), System.getenv("WEAVE_PARALLELISM")
    };
    for (String candidate : candidates) {
      try {
        if (candidate != null && Integer.parseInt(candidate.trim()) > 0) {
          return Integer.parseInt(candidate.trim());
        }
      } catch (NumberFormatException ignored) {
        // not a number: try the next source
      }
    }
    return DEFAULT_PARALLELISM;
  }

  @Override
  public String toString() {
    return "Evaluation{name=" + name + ", rows=" + dataset.size() + ", scorers=" + scorers.keySet()
        + ", trials=" + trials + ", parallelism=" + parallelism + "}";
  }

  /** Builds an {@link Evaluation}. Setters fail fast on null and on values out of range. */
  public static final class Builder {
    private String name = "Evaluation";
    private List<Map<String, Object>> dataset;
    private final Map<String, Scorer> scorers = new LinkedHashMap<>();
    private Function<Map<String, Object>, Map<String, Object>> preprocessModelInput = Function.identity();
    private int trials = 1;
    private int parallelism;
    private boolean progress = true;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /** The evaluation's name, shown in the trace and the summary table; default {@code Evaluation}. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The rows to evaluate; each row's fields are given to the model and the scorers. */
    public Builder dataset(List<Map<String, Object>> dataset) {
      return datasetOf(dataset);
    }

    /**
     * The rows to evaluate, each a {@code Map} of fields or a record (its components are the fields),
     * e.g. {@code record Question(String input, String target)}.
     *
     * @throws IllegalArgumentException when a row is neither
     */
    public Builder datasetOf(List<?> rows) {
      Objects.requireNonNull(rows, "dataset");
      List<Map<String, Object>> copy = new ArrayList<>();
      for (Object row : rows) {
        copy.add(Collections.unmodifiableMap(Reflection.row(row)));
      }
      this.dataset = copy;
      return this;
    }

    /**
     * Adds a scorer: given the row's fields and the model's output, it returns a number, a boolean or a
     * map of those. A second scorer with the same name replaces the first.
     */
    public Builder scorer(String name, BiFunction<Map<String, Object>, Object, Object> score) {
      scorers.put(Objects.requireNonNull(name, "name"), Scorer.function(name, Objects.requireNonNull(score, "score")));
      return this;
    }

    /**
     * Adds every {@code @Op} method of {@code holder} as a scorer named after the method (the static ones
     * when {@code holder} is a {@code Class}). Arguments are taken by parameter name: {@code output} gets
     * the model's output, any other name the row's field (a {@code Map} parameter gets the whole row),
     * as Weave calls {@code def exact_match(target, output)}. The agent traces each call as the method's op.
     *
     * @throws IllegalArgumentException when {@code holder} has no {@code @Op} method
     */
    public Builder scorers(Object holder) {
      Objects.requireNonNull(holder, "holder");
      List<java.lang.reflect.Method> methods = Reflection.opMethods(holder);
      if (methods.isEmpty()) {
        throw new IllegalArgumentException((holder instanceof Class ? ((Class<?>) holder).getName()
            : holder.getClass().getName()) + " has no @Op method to score with");
      }
      for (java.lang.reflect.Method method : methods) {
        scorers.put(method.getName(), Scorer.opMethod(holder, method));
      }
      return this;
    }

    /**
     * Turns a row into the model's input, as Weave's {@code preprocess_model_input}: the model (and its
     * op's inputs) get what this returns, the scorers still get the row. Default: the row as it is.
     */
    public Builder preprocessModelInput(Function<Map<String, Object>, Map<String, Object>> preprocess) {
      this.preprocessModelInput = Objects.requireNonNull(preprocess, "preprocess");
      return this;
    }

    /** How many times each row is evaluated; default 1. */
    public Builder trials(int trials) {
      if (trials < 1) {
        throw new IllegalArgumentException("trials must be at least 1, was " + trials);
      }
      this.trials = trials;
      return this;
    }

    /**
     * How many rows are evaluated at once; default {@code weft.parallelism}, else the {@code
     * WEFT_PARALLELISM} or {@code WEAVE_PARALLELISM} environment variable, else 20 as in Weave.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Whether a progress line (rows done, errors, ETA) is written to stderr; default true. */
    public Builder progress(boolean progress) {
      this.progress = progress;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the evaluation.
     *
     * @throws IllegalStateException when no dataset was given
     */
    public Evaluation build() {
      if (dataset == null) {
        throw new IllegalStateException("dataset is required");
      }
      return new Evaluation(this);
    }
  }
}
