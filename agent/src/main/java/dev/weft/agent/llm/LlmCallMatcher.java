package dev.weft.agent.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an HTTP request is a model call: a {@code POST} whose path ends with one of the
 * known suffixes ({@code /chat/completions}, {@code /completions}, {@code /embeddings},
 * {@code /responses}, and any added with {@link #withPathSuffix}). Immutable and thread-safe;
 * matching allocates nothing.
 */
public final class LlmCallMatcher {
  private static final LlmCallMatcher DEFAULTS = new LlmCallMatcher(
      new String[] {"/chat/completions", "/completions", "/embeddings", "/responses"},
      new LlmOperation[] {
        LlmOperation.CHAT_COMPLETIONS, LlmOperation.COMPLETIONS,
        LlmOperation.EMBEDDINGS, LlmOperation.RESPONSES
      });

  // Longest suffix first, so "/chat/completions" wins over "/completions".
  private final String[] suffixes;
  private final LlmOperation[] operations;

  private LlmCallMatcher(String[] suffixes, LlmOperation[] operations) {
    this.suffixes = suffixes;
    this.operations = operations;
  }

  /** The four OpenAI paths. */
  public static LlmCallMatcher defaults() {
    return DEFAULTS;
  }

  /**
   * A matcher that also treats paths ending with {@code pathSuffix} as {@code operation} (whose
   * body shape they must share). Configuration-time: a suffix not starting with '/' fails fast.
   */
  public LlmCallMatcher withPathSuffix(String pathSuffix, LlmOperation operation) {
    Objects.requireNonNull(pathSuffix, "pathSuffix");
    Objects.requireNonNull(operation, "operation");
    String suffix = stripTrailingSlash(pathSuffix);
    if (!suffix.startsWith("/") || suffix.length() < 2) {
      throw new IllegalArgumentException(
          "pathSuffix must start with '/' and name a path, was '" + pathSuffix + "'");
    }
    List<String> newSuffixes = new ArrayList<>();
    List<LlmOperation> newOperations = new ArrayList<>();
    boolean added = false;
    for (int i = 0; i < suffixes.length; i++) {
      if (suffixes[i].equals(suffix)) {
        continue; // replaced
      }
      if (!added && suffixes[i].length() <= suffix.length()) {
        newSuffixes.add(suffix);
        newOperations.add(operation);
        added = true;
      }
      newSuffixes.add(suffixes[i]);
      newOperations.add(operations[i]);
    }
    if (!added) {
      newSuffixes.add(suffix);
      newOperations.add(operation);
    }
    return new LlmCallMatcher(newSuffixes.toArray(new String[0]),
        newOperations.toArray(new LlmOperation[0]));
  }

  /**
   * The operation of a request, or null when it is not a model call. {@code path} is the URL's
   * path without query; one trailing '/' is ignored.
   */
  public LlmOperation match(String method, String path) {
    if (method == null || path == null || !"POST".equalsIgnoreCase(method)) {
      return null;
    }
    int end = path.length();
    if (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    for (int i = 0; i < suffixes.length; i++) {
      String suffix = suffixes[i];
      int start = end - suffix.length();
      if (start >= 0 && path.regionMatches(start, suffix, 0, suffix.length())) {
        return operations[i];
      }
    }
    return null;
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String toString() {
    // The form weft.llm.paths takes, so Settings.toString shows the effective value.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < suffixes.length; i++) {
      sb.append(i == 0 ? "" : ",").append(suffixes[i]).append('=').append(operations[i].settingName());
    }
    return sb.toString();
  }
}
