package dev.weft.agent.core;

/**
 * Immutable caps on what one capture may produce. The defaults keep a span's inputs and output
 * together well below Weave's 3.5 MiB row limit.
 */
final class CaptureLimits {
  static final int DEFAULT_MAX_STRING_CHARS = 16_384;
  static final int DEFAULT_MAX_ITEMS = 1_000;
  static final int DEFAULT_MAX_DEPTH = 16;
  static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;

  private static final CaptureLimits DEFAULTS = builder().build();

  private final int maxStringChars;
  private final int maxItems;
  private final int maxDepth;
  private final int maxPayloadBytes;

  private CaptureLimits(Builder builder) {
    this.maxStringChars = builder.maxStringChars;
    this.maxItems = builder.maxItems;
    this.maxDepth = builder.maxDepth;
    this.maxPayloadBytes = builder.maxPayloadBytes;
  }

  static CaptureLimits defaults() {
    return DEFAULTS;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Characters (UTF-16 units) kept of one string before the truncation marker. */
  int getMaxStringChars() {
    return maxStringChars;
  }

  /** Elements kept of one collection, array or map before the "more items" marker. */
  int getMaxItems() {
    return maxItems;
  }

  /** Levels of nested arrays/objects below one argument or return value. */
  int getMaxDepth() {
    return maxDepth;
  }

  /** UTF-8 bytes of one span's captured inputs and output together. */
  int getMaxPayloadBytes() {
    return maxPayloadBytes;
  }

  @Override
  public String toString() {
    return "CaptureLimits{maxStringChars=" + maxStringChars + ", maxItems=" + maxItems
        + ", maxDepth=" + maxDepth + ", maxPayloadBytes=" + maxPayloadBytes + "}";
  }

  static final class Builder {
    private int maxStringChars = DEFAULT_MAX_STRING_CHARS;
    private int maxItems = DEFAULT_MAX_ITEMS;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;

    private Builder() {}

    Builder setMaxStringChars(int maxStringChars) {
      this.maxStringChars = positive(maxStringChars, "maxStringChars");
      return this;
    }

    Builder setMaxItems(int maxItems) {
      this.maxItems = positive(maxItems, "maxItems");
      return this;
    }

    Builder setMaxDepth(int maxDepth) {
      this.maxDepth = positive(maxDepth, "maxDepth");
      return this;
    }

    Builder setMaxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = positive(maxPayloadBytes, "maxPayloadBytes");
      return this;
    }

    CaptureLimits build() {
      return new CaptureLimits(this);
    }

    private static int positive(int value, String field) {
      if (value <= 0) {
        throw new IllegalArgumentException(field + " must be > 0, was " + value);
      }
      return value;
    }
  }
}
