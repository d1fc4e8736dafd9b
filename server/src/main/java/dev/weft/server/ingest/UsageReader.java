package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.server.store.Usage;
import java.util.List;
import java.util.Map;

/**
 * A span's token usage, keyed by model as Weave keys its summary ({@code usage} when no model is
 * known). Weave reads prompt/completion and input/output pairs separately and adds both when
 * costing; here one pair stands for the call (prompt/completion first) so nothing is counted twice.
 */
final class UsageReader {

  /** The usage key of a call whose model is unknown. */
  static final String NO_MODEL = "usage";

  private UsageReader() {}

  static Map<String, Usage> read(JsonNode attributes, String model, Prices prices) {
    Long prompt = tokens(attributes, WeaveKeys.PROMPT_TOKENS);
    if (prompt == null) {
      prompt = tokens(attributes, WeaveKeys.INPUT_TOKENS);
    }
    Long completion = tokens(attributes, WeaveKeys.COMPLETION_TOKENS);
    if (completion == null) {
      completion = tokens(attributes, WeaveKeys.OUTPUT_TOKENS);
    }
    Long total = tokens(attributes, WeaveKeys.TOTAL_TOKENS);
    if (prompt == null && completion == null && total == null) {
      return Map.of();
    }
    long p = prompt == null ? 0 : prompt;
    long c = completion == null ? 0 : completion;
    long t = total == null ? p + c : total;
    Usage usage = new Usage(p, c, t, 1, null);
    return Map.of(model == null ? NO_MODEL : model, usage.withCost(prices.cost(model, p, c)));
  }

  // Weave's try_parse_int: numbers and numeric text; zero counts as absent, like Python's falsy 0.
  private static Long tokens(JsonNode attributes, List<String> keys) {
    for (String key : keys) {
      JsonNode value = AttributeTree.get(attributes, key);
      Long tokens = null;
      if (value != null && value.isNumber()) {
        tokens = value.longValue();
      } else if (value != null && value.isTextual()) {
        tokens = parse(value.textValue().trim());
      }
      if (tokens != null && tokens != 0) {
        return tokens < 0 ? null : tokens;
      }
    }
    return null;
  }

  private static Long parse(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
