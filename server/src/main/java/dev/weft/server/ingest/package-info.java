/**
 * OTLP ingest: decoding request bodies and converting spans to calls with Weave's precedence rules.
 * Not public API.
 */
package dev.weft.server.ingest;
