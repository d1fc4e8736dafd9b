package dev.weft.benchmarks;

/** The small object the "captured" variants return: three fields with getters, as a bean would. */
public final class Reply {

  private final String text;
  private final int tokens;
  private final boolean truncated;

  Reply(String text, int tokens, boolean truncated) {
    this.text = text;
    this.tokens = tokens;
    this.truncated = truncated;
  }

  public String getText() {
    return text;
  }

  public int getTokens() {
    return tokens;
  }

  public boolean isTruncated() {
    return truncated;
  }
}
