package dev.weft.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.server.ingest.Prices;

/** The price table as JSON: the shape of the prices file. */
final class PriceViews {

  private PriceViews() {}

  static ObjectNode table(Prices prices) {
    ObjectNode body = JsonViews.JSON.createObjectNode();
    body.put("currency", "USD");
    ArrayNode models = body.putArray("models");
    for (Prices.Price price : prices.all()) {
      ObjectNode node = models.addObject();
      node.put("model", price.model());
      node.put("input_per_million", price.inputPerMillion());
      node.put("output_per_million", price.outputPerMillion());
      node.put("provider", price.provider());
      node.put("source", price.source());
      node.put("as_of", price.asOf());
    }
    return body;
  }
}
