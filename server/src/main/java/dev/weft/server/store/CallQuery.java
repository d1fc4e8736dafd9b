package dev.weft.server.store;

import java.util.Locale;

/**
 * Filters, sort and page of a call listing. Null fields do not filter.
 *
 * @param opName exact op name
 * @param status {@code success} or {@code error}
 * @param rootsOnly only calls without a parent (traces)
 * @param fromNs started at or after, epoch nanoseconds
 * @param toNs started before, epoch nanoseconds
 * @param text case-insensitive text searched in inputs and output
 * @param traceId only calls of this trace
 * @param threadId only calls of this thread
 * @param sort the sort key
 * @param descending sort direction
 * @param limit page size, 1..1000
 * @param offset calls skipped
 */
public record CallQuery(
    String opName,
    String status,
    boolean rootsOnly,
    Long fromNs,
    Long toNs,
    String text,
    String traceId,
    String threadId,
    Sort sort,
    boolean descending,
    int limit,
    int offset) {

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  /** Every call of a project, newest first, first page of 100. */
  public static CallQuery all() {
    return new CallQuery(null, null, false, null, null, null, null, null, Sort.STARTED_AT, true, 100, 0);
  }

  /** What calls can be sorted by, with the column each sorts on. */
  public enum Sort {
    STARTED_AT("started_at"),
    LATENCY("latency_ns"),
    TOKENS("rolled_tokens"),
    COST("rolled_cost"),
    OP_NAME("op_name");

    final String column;

    Sort(String column) {
      this.column = column;
    }

    /** Returns the sort named {@code name} (as in the API: {@code started_at}, {@code latency}, ...), or null. */
    public static Sort named(String name) {
      for (Sort sort : values()) {
        if (sort.name().toLowerCase(Locale.ROOT).equals(name)) {
          return sort;
        }
      }
      return null;
    }
  }
}
