/**
 * Storage of calls: the embedded SQLite store and PostgreSQL behind one JDBC implementation, with
 * versioned schema migrations and usage roll-ups. Not public API.
 */
package dev.weft.server.store;
