package dev.weft.eval;

import java.io.PrintStream;

/** The console progress line: rows done, errors and the estimated time left, redrawn in place. */
final class Progress {
  private final String label;
  private final int total;
  private final boolean enabled;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private int done;
  private int errors;

  Progress(String label, int total, boolean enabled, PrintStream out) {
    this.label = label;
    this.total = total;
    this.enabled = enabled;
    this.out = out;
  }

  synchronized void rowDone(boolean error) {
    done++;
    if (error) {
      errors++;
    }
    if (enabled) {
      out.print("\r" + line());
      out.flush();
    }
  }

  synchronized void finish() {
    if (enabled && done > 0) {
      out.println();
    }
  }

  synchronized String line() {
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    long etaSeconds = done == 0 ? 0 : Math.round(elapsedMillis * (double) (total - done) / done / 1000);
    return "weft: evaluating " + label + "  " + done + "/" + total + " rows · " + errors + " errors · ETA "
        + etaSeconds + "s";
  }
}
