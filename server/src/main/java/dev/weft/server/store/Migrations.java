package dev.weft.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations: ordered scripts {@code db/<dialect>/V<n>__<what>.sql}, listed in
 * {@code db/<dialect>/migrations.txt}, each applied once in its own transaction and recorded in
 * {@code schema_version}. A database newer than this server is refused rather than guessed at.
 */
final class Migrations {

  private static final long PG_MIGRATION_LOCK = 0x77656674L; // "weft"

  private final Dialect dialect;

  Migrations(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Brings the schema up to date; returns the version it is at. */
  int migrate(Connection connection) throws SQLException {
    return migrate(connection, Integer.MAX_VALUE);
  }

  /** Applies the scripts up to version {@code upTo} (tests build older databases with it). */
  int migrate(Connection connection, int upTo) throws SQLException {
    List<Script> scripts = scripts();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        // Several servers may share one database and start together.
        statement.execute("SELECT pg_advisory_lock(" + PG_MIGRATION_LOCK + ")");
      }
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      int current = currentVersion(connection);
      int latest = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version;
      if (current > latest) {
        throw new SQLException("the database schema is at version " + current
            + ", newer than this server knows (" + latest + "); use a newer weft-server");
      }
      for (Script script : scripts) {
        if (script.version > current && script.version <= upTo) {
          apply(connection, script);
          current = script.version;
        }
      }
      return current;
    } finally {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_advisory_unlock(" + PG_MIGRATION_LOCK + ")");
        }
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private void apply(Connection connection, Script script) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(script.text)) {
        statement.execute(sql);
      }
      try (PreparedStatement record = connection.prepareStatement(
          "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        record.setInt(1, script.version);
        record.setString(2, script.name);
        record.setLong(3, System.currentTimeMillis());
        record.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw new SQLException("migration " + script.name + " failed: " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  List<Script> scripts() {
    List<Script> scripts = new ArrayList<>();
    for (String line : resource("migrations.txt").split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      if (!scripts.isEmpty() && version <= scripts.get(scripts.size() - 1).version) {
        throw new IllegalStateException("migrations out of order at " + name);
      }
      scripts.add(new Script(version, name, resource(name)));
    }
    return scripts;
  }

  /** Splits a script at semicolons that end a line; comment lines are dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().trim();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (current.toString().trim().length() > 0) {
      statements.add(current.toString().trim());
    }
    return statements;
  }

  private String resource(String name) {
    String path = "/db/" + dialect.folder + "/" + name;
    try (InputStream in = Migrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Script(int version, String name, String text) {}
}
