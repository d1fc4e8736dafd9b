package dev.weft.eval;

import dev.weft.Kind;
import dev.weft.Weft;
import java.util.Map;

/** The model's call on one row: one traced op per attempt, rate limits and 5xx retried with backoff. */
final class ModelCall {
  final Object output;
  final double latencySeconds;
  final String error;
  final boolean failed;

  private ModelCall(Object output, double latencySeconds, String error, boolean failed) {
    this.output = output;
    this.latencySeconds = latencySeconds;
    this.error = error;
    this.failed = failed;
  }

  static ModelCall run(Model model, Map<String, Object> row, Sleeper sleeper) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      try {
        Object output = model.tracesItself ? model.predict.apply(row)
            : Weft.op(model.opName, Kind.NONE, row, () -> model.predict.apply(row));
        return new ModelCall(output, (System.nanoTime() - start) / 1e9, "", false);
      } catch (RuntimeException e) {
        if (attempt >= Retry.MAX_ATTEMPTS || !Retry.isRetryable(e)) {
          return new ModelCall(null, 0, e.toString(), true);
        }
        if (!pause(sleeper, Retry.backoffMillis(attempt))) {
          return new ModelCall(null, 0, "interrupted while retrying: " + e, true);
        }
      }
    }
  }

  static ModelCall failed(String error) {
    return new ModelCall(null, 0, error, true);
  }

  private static boolean pause(Sleeper sleeper, long millis) {
    try {
      sleeper.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
