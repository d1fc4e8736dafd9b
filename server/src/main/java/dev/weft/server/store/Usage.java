package dev.weft.server.store;

/**
 * Token usage and cost of one model, for one call or rolled up over a call and its descendants.
 *
 * @param promptTokens input tokens (Weave's {@code prompt_tokens}, or {@code input_tokens})
 * @param completionTokens output tokens ({@code completion_tokens}, or {@code output_tokens})
 * @param totalTokens total tokens as reported, else prompt + completion
 * @param requests model requests counted
 * @param cost cost in US dollars, or null when the model has no known price
 */
public record Usage(
    long promptTokens, long completionTokens, long totalTokens, long requests, Double cost) {

  /** Nothing used. */
  public static final Usage NONE = new Usage(0, 0, 0, 0, null);

  /** Returns the sum of this and {@code other}; an unknown cost counts as nothing. */
  public Usage plus(Usage other) {
    Double sum;
    if (cost == null) {
      sum = other.cost;
    } else if (other.cost == null) {
      sum = cost;
    } else {
      sum = cost + other.cost;
    }
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
        totalTokens + other.totalTokens, requests + other.requests, sum);
  }

  /** Returns this usage with {@code cost}. */
  public Usage withCost(Double cost) {
    return new Usage(promptTokens, completionTokens, totalTokens, requests, cost);
  }
}
