package dev.weft.agent.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts spans from end to delivery, so that none is lost silently: whatever ended but was not delivered
 * (the export failed, the queue was full, or it was still queued when the JVM exited) is reported.
 */
final class DeliveryStats {
  private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

  /** Incremented on the app's threads as spans end: an adder keeps them from contending. */
  final LongAdder ended = new LongAdder();
  /** Admitted to the export queue and not yet delivered or failed. */
  final AtomicLong pending = new AtomicLong();
  final LongAdder queueFull = new LongAdder();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  private final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);
  private final AtomicLong lostAtLastReport = new AtomicLong();
  private final String destination;

  DeliveryStats(String destination) {
    this.destination = destination;
  }

  void delivered(int spans) {
    delivered.addAndGet(spans);
    pending.addAndGet(-spans);
  }

  void exportFailed(int spans, Throwable cause) {
    failed.addAndGet(spans);
    pending.addAndGet(-spans);
    String reason = cause == null ? "the backend refused them" : cause.toString();
    lastFailure.set(reason);
    reportNow("could not deliver spans to " + destination + " (" + reason + ")");
  }

  /** A span dropped because the export queue is full: the backend is slower than the app. */
  void queueFull() {
    queueFull.increment();
    reportNow("the export queue is full (weft.export.queue.size); " + destination + " takes spans slower than the app makes them");
  }

  /** At most one line a minute while spans are being lost. */
  private void reportNow(String why) {
    long now = System.nanoTime();
    long last = lastReportNanos.get();
    if (now - last >= REPORT_EVERY_NANOS && lastReportNanos.compareAndSet(last, now)) {
      long total = failed.get() + queueFull.sum();
      AgentLog.warn(why + "; " + (total - lostAtLastReport.getAndSet(total)) + " spans dropped since the last report, "
          + total + " in all");
    }
  }

  /** The line printed at exit when anything was not delivered, else null. */
  String exitReport(long flushMillis) {
    long lost = ended.sum() - delivered.get();
    if (lost <= 0) {
      return null;
    }
    long failedCount = failed.get();
    long full = queueFull.sum();
    long unsent = Math.max(0, lost - failedCount - full);
    String reason = lastFailure.get();
    return lost + " of " + ended.sum() + " spans were not delivered to " + destination + ": "
        + failedCount + " failed to export" + (reason == null ? "" : " (" + reason + ")") + ", "
        + full + " dropped from a full queue, " + unsent + " still unsent when the flush time ("
        + flushMillis + " ms, weft.flush.timeout) ran out";
  }
}
