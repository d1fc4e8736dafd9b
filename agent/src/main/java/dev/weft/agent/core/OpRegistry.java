package dev.weft.agent.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Numbers every traced method once, when its class is instrumented, so the advice passes a constant int
 * and the hot path is an array read. The same method seen again (another class loader, a
 * retransformation) keeps its number.
 */
public final class OpRegistry {
  private final ConcurrentMap<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile OpSpec[] specs = new OpSpec[64];
  private int size;

  /** The id of the method with this key, registering {@code spec} under it the first time. */
  public synchronized int register(String key, OpSpec spec) {
    Integer known = ids.get(key);
    if (known != null) {
      return known;
    }
    int id = size++;
    OpSpec[] current = specs;
    if (id >= current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    current[id] = spec;
    specs = current;
    ids.put(key, id);
    return id;
  }

  /** The spec of {@code id}, or null for an id this registry never gave out. */
  public OpSpec get(int id) {
    OpSpec[] current = specs;
    return id >= 0 && id < current.length ? current[id] : null;
  }
}
