/**
 * Test support shared by Weft's modules: {@link dev.weft.testing.FakeWeave}, a real loopback HTTP
 * server that stands in for Weave's OTLP ingestion and records what it receives.
 */
package dev.weft.testing;
