package dev.weft.eval;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Which model failures are worth another attempt, and how long to wait first: rate limits (429,
 * "Concurrency limit reached") and server errors (5xx), with exponential backoff and full jitter.
 */
final class Retry {
  static final int MAX_ATTEMPTS = 5;
  private static final long BASE_MILLIS = 500;
  private static final long CAP_MILLIS = 30_000;
  private static final Pattern RETRYABLE =
      Pattern.compile("\\b(429|5\\d\\d)\\b|Concurrency limit reached|Too Many Requests");

  private Retry() {}

  static boolean isRetryable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message != null && RETRYABLE.matcher(message).find()) {
        return true;
      }
    }
    return false;
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  static long backoffMillis(int attempt) {
    long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt - 1, 16));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
