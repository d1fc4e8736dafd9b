package dev.weft.eval;

import dev.weft.Call;
import dev.weft.Kind;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** One run of an {@link Evaluation} against one model, traced as Weave's evaluation call tree. */
final class Runner {
  /**
   * The attribute a row run on a pool thread carries: the {@code Evaluation.evaluate} call's id, so the
   * trace server finds the row while pool threads do not inherit the trace context.
   */
  static final String EVALUATION_CALL_ATTRIBUTE = "weft_evaluation_call_id";

  private final Evaluation evaluation;
  private final Model model;
  private final String modelName;
  private final Progress progress;
  private List<RowResult> rows = new ArrayList<>();
  private Call call = Call.none();

  Runner(Evaluation evaluation, Model model) {
    this.evaluation = evaluation;
    this.model = model;
    this.modelName = model.name;
    this.progress = new Progress(evaluation.name() + " · " + modelName,
        evaluation.dataset().size() * evaluation.trials(), evaluation.progress(), System.err);
  }

  /** Weave's {@code Evaluation.evaluate}: its output is the summary. */
  EvaluationResult run() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("self", evaluation.name());
    inputs.put("model", modelName);
    Map<String, Object> summary = Weft.op("Evaluation.evaluate", Kind.NONE, inputs, this::evaluateAndSummarize);
    return new EvaluationResult(evaluation.name(), modelName, summary, rows, call);
  }

  private Map<String, Object> evaluateAndSummarize() {
    call = Weft.currentCall();
    rows = evaluateRows();
    progress.finish();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("self", evaluation.name());
    return Weft.op("Evaluation.summarize", Kind.NONE, inputs,
        () -> Summaries.evaluation(rows, evaluation.scorerNames()));
  }

  /**
   * Rows on this thread when one at a time, otherwise on a pool; either way they nest under
   * {@code Evaluation.evaluate}, since the agent carries the trace context into pool tasks.
   */
  private List<RowResult> evaluateRows() {
    int trials = evaluation.trials();
    int tasks = evaluation.dataset().size() * trials;
    List<RowResult> rows = new ArrayList<>();
    if (evaluation.parallelism() == 1 || tasks <= 1) {
      for (int i = 0; i < tasks; i++) {
        rows.add(predictAndScore(i / trials, i % trials));
      }
      return rows;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(evaluation.parallelism(), tasks), daemons());
    try {
      List<Future<RowResult>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int index = i / trials;
        int trial = i % trials;
        futures.add(pool.submit(() -> onPoolThread(index, trial)));
      }
      for (Future<RowResult> future : futures) {
        rows.add(await(future));
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private RowResult onPoolThread(int index, int trial) {
    if (!call.isValid()) {
      return predictAndScore(index, trial);
    }
    try (Weft.Scope ignored = Weft.attributes(Collections.singletonMap(EVALUATION_CALL_ATTRIBUTE, call.id()))) {
      return predictAndScore(index, trial);
    }
  }

  private RowResult predictAndScore(int index, int trial) {
    Map<String, Object> row = evaluation.dataset().get(index);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("self", evaluation.name());
    inputs.put("model", modelName);
    inputs.put("example", row);
    RowResult[] result = new RowResult[1];
    try {
      Weft.op("Evaluation.predict_and_score", Kind.NONE, inputs, () -> {
        result[0] = evaluateRow(index, trial, row);
        if (result[0].failed()) {
          throw new RowFailed(result[0].error());
        }
        return result[0].asWeaveOutput();
      });
    } catch (RowFailed e) {
      // recorded on the row; the span is marked failed
    }
    progress.rowDone(!result[0].error().isEmpty());
    return result[0];
  }

  private RowResult evaluateRow(int index, int trial, Map<String, Object> row) {
    ModelCall call = callModel(row);
    if (call.failed) {
      return new RowResult(index, trial, row, null, new LinkedHashMap<>(), 0, call.error, true);
    }
    Map<String, Object> scores = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Scorer scorer : evaluation.scorers().values()) {
      try {
        scores.put(scorer.name, score(scorer, row, call.output));
      } catch (RuntimeException e) {
        errors.add(scorer.name + ": " + e);
      }
    }
    return new RowResult(index, trial, row, call.output, scores, call.latencySeconds, String.join("; ", errors), false);
  }

  private static Object score(Scorer scorer, Map<String, Object> row, Object output) {
    if (scorer.tracesItself) {
      return scorer.score.apply(row, output);
    }
    Map<String, Object> inputs = new LinkedHashMap<>(row);
    inputs.put("output", output);
    return Weft.op(scorer.name, Kind.NONE, inputs, () -> scorer.score.apply(row, output));
  }

  private ModelCall callModel(Map<String, Object> row) {
    Map<String, Object> modelInput;
    try {
      modelInput = Objects.requireNonNull(evaluation.preprocessModelInput().apply(row), "returned null");
    } catch (RuntimeException e) {
      return ModelCall.failed("preprocessModelInput: " + e);
    }
    return ModelCall.run(model, modelInput, evaluation.sleeper());
  }

  private static RowResult await(Future<RowResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("evaluating a row failed", cause);
    }
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "weft-eval-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Marks a {@code predict_and_score} call failed without a stack trace to fill. */
  private static final class RowFailed extends RuntimeException {
    RowFailed(String message) {
      super(message, null, false, false);
    }
  }
}
