package dev.weft.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model prices per token, from the table shipped in the jar ({@code /weft-prices.json}) overlaid by
 * a user's file of the same shape. A model matches case-insensitively, exactly or by the longest
 * known name it starts with followed by {@code -} (a dated version such as
 * {@code gpt-4o-2024-08-06}); failing both, again without its first path segment
 * ({@code wandb/meta-llama/Llama-3.1-8B-Instruct}, then {@code meta-llama/...}, then {@code Llama-...}).
 */
public final class Prices {

  private static final String BUILT_IN = "/weft-prices.json";

  private final Map<String, Price> byName;

  private Prices(Map<String, Price> byName) {
    this.byName = byName;
  }

  /** The built-in table. */
  public static Prices builtIn() {
    try (InputStream in = Prices.class.getResourceAsStream(BUILT_IN)) {
      Map<String, Price> prices = new LinkedHashMap<>();
      if (in != null) {
        read(AttributeTree.JSON.readTree(in), BUILT_IN, prices);
      }
      return new Prices(Collections.unmodifiableMap(prices));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BUILT_IN, e);
    }
  }

  /** The built-in table with the prices in {@code file} added or replacing built-in ones. */
  public static Prices withOverrides(Path file) throws IOException {
    Map<String, Price> prices = new LinkedHashMap<>(builtIn().byName);
    read(AttributeTree.JSON.readTree(Files.readAllBytes(file)), file.toString(), prices);
    return new Prices(Collections.unmodifiableMap(prices));
  }

  /** A table with exactly {@code prices}, for tests and tools. */
  public static Prices of(List<Price> prices) {
    Map<String, Price> byName = new LinkedHashMap<>();
    prices.forEach(price -> byName.put(key(price.model()), price));
    return new Prices(Collections.unmodifiableMap(byName));
  }

  /** Returns every price, in table order. */
  public List<Price> all() {
    return List.copyOf(byName.values());
  }

  /** Returns the price of {@code model}, or null when unknown. */
  public Price find(String model) {
    if (model == null) {
      return null;
    }
    // "wandb/meta-llama/Llama-3.1-8B-Instruct" -> "meta-llama/llama-3.1-8b-instruct" -> "llama-3.1-8b-instruct"
    for (String key = key(model); ; key = key.substring(key.indexOf('/') + 1)) {
      Price price = byName.get(key);
      if (price == null) {
        price = longestPrefix(key);
      }
      if (price != null || !key.contains("/")) {
        return price;
      }
    }
  }

  /** Returns the cost in US dollars of the tokens, or null when the model has no price. */
  public Double cost(String model, long promptTokens, long completionTokens) {
    Price price = find(model);
    if (price == null) {
      return null;
    }
    return (promptTokens * price.inputPerMillion() + completionTokens * price.outputPerMillion()) / 1e6;
  }

  private Price longestPrefix(String key) {
    Price best = null;
    int bestLength = 0;
    for (Map.Entry<String, Price> entry : byName.entrySet()) {
      String name = entry.getKey();
      if (key.startsWith(name + "-") && name.length() > bestLength) {
        best = entry.getValue();
        bestLength = name.length();
      }
    }
    return best;
  }

  private static void read(JsonNode table, String source, Map<String, Price> into) throws IOException {
    JsonNode models = table.get("models");
    if (models == null || !models.isArray()) {
      throw new IOException(source + ": expected {\"models\": [...]}");
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode model : models) {
      String name = model.path("model").asText("");
      JsonNode in = model.get("input_per_million");
      JsonNode out = model.get("output_per_million");
      if (name.isEmpty() || in == null || !in.isNumber() || out == null || !out.isNumber()) {
        problems.add(model.toString());
        continue;
      }
      into.put(key(name), new Price(name, in.doubleValue(), out.doubleValue(),
          model.path("provider").asText(""), model.path("source").asText(""),
          model.path("as_of").asText("")));
    }
    if (!problems.isEmpty()) {
      throw new IOException(source + ": each model needs \"model\", \"input_per_million\" and"
          + " \"output_per_million\"; bad entries: " + problems);
    }
  }

  private static String key(String model) {
    return model.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The price of one model in US dollars per million tokens.
   *
   * @param source where the price was read (a URL)
   * @param asOf the date it was read, {@code YYYY-MM-DD}
   */
  public record Price(String model, double inputPerMillion, double outputPerMillion,
      String provider, String source, String asOf) {}
}
