/** The server's HTTP side on Jetty: ingest, query API, web UI. Not public API. */
package dev.weft.server.http;
