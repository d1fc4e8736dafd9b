package dev.weft.server.store;

import java.util.List;

/**
 * One page of a call listing.
 *
 * @param calls the calls of the page, without inputs, output and span dump
 * @param total how many calls match the filters
 */
public record CallPage(List<StoredCall> calls, long total) {}
