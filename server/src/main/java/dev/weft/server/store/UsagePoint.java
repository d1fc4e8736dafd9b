package dev.weft.server.store;

/**
 * Usage of one model in one time bucket.
 *
 * @param bucketNs start of the bucket, epoch nanoseconds
 * @param model the model ({@code usage} when unknown)
 * @param usage tokens, requests and cost of the calls started in the bucket
 */
public record UsagePoint(long bucketNs, String model, Usage usage) {}
