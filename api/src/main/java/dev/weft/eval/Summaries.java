package dev.weft.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weave's {@code auto_summarize}: numbers become {@code {"mean": x}}, booleans {@code {"true_count": n,
 * "true_fraction": f}}, maps are summarized key by key; nulls are skipped, and values of any other type
 * have no summary.
 */
final class Summaries {
  private Summaries() {}

  /** The evaluation's summary: the output's (when summarizable), each scorer's, then model latency. */
  static Map<String, Object> evaluation(List<RowResult> rows, List<String> scorerNames) {
    Map<String, Object> summary = new LinkedHashMap<>();
    List<Object> outputs = new ArrayList<>();
    List<Object> latencies = new ArrayList<>();
    for (RowResult row : rows) {
      if (!row.failed()) {
        outputs.add(row.outputOrNull());
        latencies.add(row.modelLatency());
      }
    }
    putIfPresent(summary, "output", summarize(outputs));
    for (String scorer : scorerNames) {
      List<Object> scores = new ArrayList<>();
      rows.forEach(row -> scores.add(row.scores().get(scorer)));
      putIfPresent(summary, scorer, summarize(scores));
    }
    putIfPresent(summary, "model_latency", summarize(latencies));
    return Collections.unmodifiableMap(summary);
  }

  /** The summary of {@code values}, or null when they have none. */
  static Object summarize(List<?> values) {
    List<Object> present = new ArrayList<>();
    for (Object v : values) {
      if (v != null) {
        present.add(v);
      }
    }
    if (present.isEmpty()) {
      return null;
    }
    Object first = present.get(0);
    if (first instanceof Boolean) {
      return booleans(present);
    } else if (first instanceof Number) {
      return numbers(present);
    } else if (first instanceof Map) {
      return maps(present);
    }
    return null;
  }

  private static Object booleans(List<Object> values) {
    long trueCount = values.stream().filter(Boolean.TRUE::equals).count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("true_count", trueCount);
    out.put("true_fraction", (double) trueCount / values.size());
    return Collections.unmodifiableMap(out);
  }

  private static Object numbers(List<Object> values) {
    double sum = 0;
    int count = 0;
    for (Object v : values) {
      if (v instanceof Number) {
        sum += ((Number) v).doubleValue();
        count++;
      }
    }
    return count == 0 ? null : Collections.singletonMap("mean", sum / count);
  }

  private static Object maps(List<Object> values) {
    Set<Object> keys = new LinkedHashSet<>();
    values.forEach(v -> {
      if (v instanceof Map) {
        keys.addAll(((Map<?, ?>) v).keySet());
      }
    });
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object key : keys) {
      List<Object> column = new ArrayList<>();
      values.forEach(v -> column.add(v instanceof Map ? ((Map<?, ?>) v).get(key) : null));
      putIfPresent(out, String.valueOf(key), summarize(column));
    }
    return out.isEmpty() ? null : Collections.unmodifiableMap(out);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
