package dev.weft.agent.core;

/**
 * The exact texts that stand in for what a capture leaves out. Kept in one place because the UI
 * and tests read them; they are plain JSON strings so any consumer can show them as-is.
 */
final class Markers {
  static final String ELLIPSIS = "\u2026";
  /** Key of the last entry of a map or bean cut at maxItems. */
  static final String MORE_ENTRIES_KEY = ELLIPSIS;
  /** Key of the entry standing in for a map whose iteration failed. */
  static final String ERROR_KEY = "<error>";
  static final String MAX_DEPTH = "<max depth>";
  /** toString() of objects without properties is a label, not data: keep it short. */
  static final int SHORT_STRING_CHARS = 200;

  private Markers() {}

  /**
   * {@code text} cut to {@code maxChars} UTF-16 units (never splitting a surrogate pair) followed
   * by {@code …[truncated N chars]}. Runs app code when {@code text} is not a String.
   */
  static String truncate(CharSequence text, int maxChars) {
    int length = text.length();
    if (length <= maxChars) {
      return text.toString();
    }
    int keep = maxChars;
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.subSequence(0, keep).toString()
        + ELLIPSIS + "[truncated " + (length - keep) + " chars]";
  }

  /** Last element of an array cut at maxItems; {@code more < 0} when the size is unknowable. */
  static String moreItems(long more) {
    return more < 0 ? ELLIPSIS + "[more items]" : ELLIPSIS + "[" + more + " more items]";
  }

  /** Value under {@link #MORE_ENTRIES_KEY}. */
  static String moreEntries(long more) {
    return more < 0 ? "[more entries]" : "[" + more + " more entries]";
  }

  static String cycle(Class<?> type) {
    return "<cycle: " + simpleName(type) + ">";
  }

  /** byte[] and char[] show their size only: binary payloads and passwords stay out. */
  static String sized(String componentType, int length) {
    return "<" + componentType + "[" + length + "]>";
  }

  static String oversizedNumber(Class<?> type, int bits) {
    return "<" + simpleName(type) + ": " + bits + " bits>";
  }

  /** {@code <error: IllegalStateException: message>} for a failing getter, toString, iterator. */
  static String error(Throwable thrown) {
    Throwable t = thrown;
    if (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null) {
      t = t.getCause();
    }
    swallowed(t);
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable ignored) {
      message = null;
    }
    String type = simpleName(t.getClass());
    return message == null
        ? "<error: " + type + ">"
        : "<error: " + type + ": " + truncate(message, SHORT_STRING_CHARS) + ">";
  }

  /** The identity label Object.toString() would give, without calling app code. */
  static String identity(Object value) {
    return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
  }

  /** Simple name, or the name after the package for anonymous and hidden classes. */
  static String simpleName(Class<?> type) {
    String simple;
    try {
      simple = type.getSimpleName();
    } catch (Throwable t) {
      simple = ""; // malformed names of some non-Java languages
    }
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** App code that threw InterruptedException consumed the interrupt: give it back. */
  static void swallowed(Throwable t) {
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }
}
