package dev.weft.agent.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a key (parameter, map key, bean property) names a secret.
 *
 * <p>Keys are compared after normalisation (lower-case, without {@code _ - .} and spaces), and a
 * secret word matches when the normalised key equals it or ends with it: {@code X-Api-Key},
 * {@code access_token} and {@code Proxy-Authorization} are secrets, {@code max_tokens} and {@code
 * tokenizer} are not. Matching walks the key backwards and allocates nothing, because it runs for
 * every key of every captured object.
 */
final class Redactor {
  static final String REDACTED = "REDACTED";

  private static final String[] DEFAULT_WORDS = {
    "apikey", "authorization", "password", "passwd", "secret",
    "token", "credential", "credentials", "cookie"
  };
  private static final Redactor DEFAULTS = new Redactor(DEFAULT_WORDS);

  private final String[] words;

  private Redactor(String[] words) {
    this.words = words;
  }

  private static final int MEMO_LIMIT = 4096;
  private final ConcurrentHashMap<String, Boolean> memo = new ConcurrentHashMap<>();

  static Redactor defaults() {
    return DEFAULTS;
  }

  /**
   * The default words plus {@code extraKeys}, normalised the same way as keys. Configuration-time:
   * a null or empty key fails fast (an empty word would make every key a secret).
   */
  static Redactor withExtraKeys(Collection<String> extraKeys) {
    Objects.requireNonNull(extraKeys, "extraKeys");
    List<String> all = new ArrayList<>(List.of(DEFAULT_WORDS));
    for (String key : extraKeys) {
      Objects.requireNonNull(key, "extraKeys contains null");
      String word = normalise(key);
      if (word.isEmpty()) {
        throw new IllegalArgumentException(
            "extraKeys must contain a letter or digit, was '" + key + "'");
      }
      if (!all.contains(word)) {
        all.add(word);
      }
    }
    return new Redactor(all.toArray(new String[0]));
  }

  boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    // Parameter and property names repeat on every call: remember the answer for the first few thousand.
    Boolean known = memo.get(key);
    if (known != null) {
      return known;
    }
    boolean secret = matches(key);
    if (memo.size() < MEMO_LIMIT) {
      memo.put(key, secret);
    }
    return secret;
  }

  private boolean matches(String key) {
    for (String word : words) {
      if (endsWithNormalised(key, word)) {
        return true;
      }
    }
    return false;
  }

  /** True when normalise(key).endsWith(word), without building normalise(key). */
  private static boolean endsWithNormalised(String key, String word) {
    int k = key.length() - 1;
    for (int w = word.length() - 1; w >= 0; w--) {
      while (k >= 0 && isIgnored(key.charAt(k))) {
        k--;
      }
      if (k < 0 || Character.toLowerCase(key.charAt(k)) != word.charAt(w)) {
        return false;
      }
      k--;
    }
    return true;
  }

  static String normalise(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isIgnored(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  private static boolean isIgnored(char c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
  }

  @Override
  public String toString() {
    return "Redactor{words=" + String.join(",", words) + "}";
  }
}
