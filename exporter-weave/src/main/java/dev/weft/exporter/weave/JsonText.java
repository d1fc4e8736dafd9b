package dev.weft.exporter.weave;

/** The little JSON the mapping needs, without a JSON library in the agent's jar. */
final class JsonText {

  private JsonText() {}

  /**
   * Returns the string a JSON string literal stands for ({@code "\"hi\""} becomes {@code hi}), or
   * null when {@code json} is not exactly one valid string literal.
   */
  static String unquote(String json) {
    String text = json.trim();
    int last = text.length() - 1;
    if (last < 1 || text.charAt(0) != '"' || text.charAt(last) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder(last);
    for (int i = 1; i < last; i++) {
      char c = text.charAt(i);
      if (c == '"' || c < 0x20) {
        return null;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= last) {
        return null;
      }
      int consumed = unescape(text, i, last, out);
      if (consumed < 0) {
        return null;
      }
      i += consumed;
    }
    return out.toString();
  }

  // Appends the character escaped at text[i] (just after the backslash); returns the extra
  // characters consumed, or -1 for an invalid escape.
  private static int unescape(String text, int i, int end, StringBuilder out) {
    char c = text.charAt(i);
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out.append(c);
        return 0;
      case 'b':
        out.append('\b');
        return 0;
      case 'f':
        out.append('\f');
        return 0;
      case 'n':
        out.append('\n');
        return 0;
      case 'r':
        out.append('\r');
        return 0;
      case 't':
        out.append('\t');
        return 0;
      case 'u':
        if (i + 4 >= end) {
          return -1;
        }
        int code = 0;
        for (int k = i + 1; k <= i + 4; k++) {
          int digit = Character.digit(text.charAt(k), 16);
          if (digit < 0) {
            return -1;
          }
          code = code * 16 + digit;
        }
        out.append((char) code);
        return 4;
      default:
        return -1;
    }
  }
}
