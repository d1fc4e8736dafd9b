package dev.weft.server.store;

/**
 * A project that received calls.
 *
 * @param name {@code team/project}
 * @param calls calls stored
 * @param traces root calls stored
 * @param lastCallNs when the latest call started, epoch nanoseconds
 */
public record ProjectSummary(String name, long calls, long traces, long lastCallNs) {}
