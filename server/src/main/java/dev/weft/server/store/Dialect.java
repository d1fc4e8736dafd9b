package dev.weft.server.store;

/** The SQL databases the store runs on; each has its own folder of migration scripts. */
enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Returns the dialect of {@code jdbcUrl}, or throws naming the ones supported. */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL " + jdbcUrl + " (use jdbc:postgresql://... or jdbc:sqlite:FILE)");
  }
}
