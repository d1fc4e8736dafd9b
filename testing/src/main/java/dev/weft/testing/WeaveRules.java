package dev.weft.testing;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The one structural rule of Weave's ingestion that decides whether a span is kept: Weave expands
 * dotted attribute keys into a tree, so a key that is both a leaf and the prefix of another key
 * ({@code a.b} and {@code a.b.c}) is an "attribute path conflict" and the span is rejected.
 *
 * <p>Weave tolerates the case where the leaf's value is a JSON object string; this fake is stricter
 * and rejects every such pair, which is what an exporter should avoid anyway.
 */
final class WeaveRules {

  private WeaveRules() {}

  /** Returns a description of the first leaf/prefix conflict among {@code keys}, or null. */
  static String pathConflict(Collection<String> keys) {
    NavigableSet<String> sorted = new TreeSet<>(keys);
    for (String key : sorted) {
      String child = sorted.ceiling(key + ".");
      if (child != null && child.startsWith(key + ".")) {
        return "attribute path conflict: '" + key + "' is both a value and the parent of '"
            + child + "'";
      }
    }
    return null;
  }

  /** Returns why Weave would reject {@code span}, or null when it would accept it. */
  static String rejection(ReceivedSpan span) {
    String conflict = pathConflict(span.attributes().keySet());
    for (int i = 0; conflict == null && i < span.events().size(); i++) {
      conflict = pathConflict(span.events().get(i).attributes().keySet());
    }
    return conflict;
  }
}
