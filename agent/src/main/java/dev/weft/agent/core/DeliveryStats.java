package dev.weft.agent.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts spans from end to delivery, so that none is lost silently: whatever ended but was not delivered
 * (the export failed, the queue was full, or it was still queued when the JVM exited) is reported.
 */
final class DeliveryStats {
  private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

  final AtomicLong ended = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  private final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);
  private final AtomicLong failedAtLastReport = new AtomicLong();
  private final String destination;

  DeliveryStats(String destination) {
    this.destination = destination;
  }

  void exportFailed(int spans, Throwable cause) {
    failed.addAndGet(spans);
    String reason = cause == null ? "the backend refused them" : cause.toString();
    lastFailure.set(reason);
    long now = System.nanoTime();
    long last = lastReportNanos.get();
    if (now - last >= REPORT_EVERY_NANOS && lastReportNanos.compareAndSet(last, now)) {
      long total = failed.get();
      AgentLog.warn("could not deliver spans to " + destination + " (" + reason + "); "
          + (total - failedAtLastReport.getAndSet(total)) + " spans dropped since the last report, "
          + total + " in all");
    }
  }

  /** The line printed at exit when anything was not delivered, else null. */
  String exitReport(long flushMillis) {
    long lost = ended.get() - delivered.get();
    if (lost <= 0) {
      return null;
    }
    long failedCount = failed.get();
    long unsent = Math.max(0, lost - failedCount);
    String reason = lastFailure.get();
    return lost + " of " + ended.get() + " spans were not delivered to " + destination + ": "
        + failedCount + " failed to export" + (reason == null ? "" : " (" + reason + ")") + ", "
        + unsent + " dropped from a full queue or still unsent when the flush time ("
        + flushMillis + " ms, weft.flush.timeout) ran out";
  }
}
