package dev.weft.server.store;

import java.util.Map;

/**
 * A call read back from the store with its roll-up: the usage of the call and all its stored
 * descendants, by model.
 *
 * @param call the call; its {@code inputs}, {@code output} and {@code otel} are null in list results
 * @param rollup usage of the call and its descendants by model
 * @param rolledTokens total tokens over {@code rollup}
 * @param rolledCost cost over {@code rollup}, or null when no model in it has a price
 */
public record StoredCall(
    CallRecord call, Map<String, Usage> rollup, long rolledTokens, Double rolledCost) {}
