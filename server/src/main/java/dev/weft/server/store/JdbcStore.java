package dev.weft.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The call store on JDBC: an embedded SQLite file by default, PostgreSQL for a team server that
 * several server instances share. Every {@link #insert} is one transaction. Thread-safe.
 *
 * <p>Writes that touch roll-ups are serialized per trace (roll-ups never cross traces): SQLite has
 * one writer anyway, behind a JVM lock; PostgreSQL takes a transaction-scoped advisory lock per
 * trace, which also covers other server instances. So a parent and its child stored concurrently
 * never miss each other, while requests with other traces write in parallel. SQLite writes go
 * through one connection of their own, tuned for writing; reads use a pool.
 *
 * <p>PostgreSQL connections commit with {@code synchronous_commit = off} unless the URL sets
 * {@code synchronous_commit} itself: a crash of the database may lose the last few hundred
 * milliseconds of acknowledged spans, never corrupt or half-store a request (server/README.md).
 */
public final class JdbcStore implements AutoCloseable {

  /** The database file name inside the data directory. */
  public static final String SQLITE_FILE = "weft.db";

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final HikariDataSource writer; // SQLite: its one writer connection; PostgreSQL: the pool
  private final ReentrantLock sqliteWriter = new ReentrantLock();
  private final String description;
  private final int schemaVersion;

  private JdbcStore(Dialect dialect, HikariDataSource pool, HikariDataSource writer,
      String description) throws SQLException {
    this.dialect = dialect;
    this.pool = pool;
    this.writer = writer;
    this.description = description;
    try (Connection connection = writer.getConnection()) {
      this.schemaVersion = new Migrations(dialect).migrate(connection);
    }
  }

  /** Returns the JDBC URL of the embedded store in {@code dataDir}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
  }

  /**
   * Opens the store at {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}),
   * creating or migrating its schema.
   */
  public static JdbcStore open(String jdbcUrl) throws SQLException {
    Dialect dialect = Dialect.of(jdbcUrl);
    if (dialect == Dialect.POSTGRESQL) {
      HikariConfig config = poolConfig("weft-store", 8);
      config.setJdbcUrl(jdbcUrl);
      // Batches of INSERTs sent as multi-row INSERTs: PostgreSQL's per-statement work was most of
      // its CPU per span.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (!jdbcUrl.contains("synchronous_commit")) {
        // Trace data: waiting for the WAL flush of every request made ingest wait on the disk.
        config.setConnectionInitSql("SET synchronous_commit = off");
      }
      HikariDataSource pool = new HikariDataSource(config);
      return openWith(dialect, pool, pool,
          "postgresql " + stripQuery(jdbcUrl.substring("jdbc:postgresql:".length())));
    }
    Path file = Path.of(stripQuery(jdbcUrl.substring("jdbc:sqlite:".length())));
    createParent(file);
    HikariDataSource pool = new HikariDataSource(sqlitePool("weft-store", 4, jdbcUrl, false));
    HikariDataSource writer;
    try {
      writer = new HikariDataSource(sqlitePool("weft-store-writer", 1, jdbcUrl, true));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return openWith(dialect, pool, writer, "sqlite " + file.toAbsolutePath());
  }

  private static JdbcStore openWith(Dialect dialect, HikariDataSource pool, HikariDataSource writer,
      String description) throws SQLException {
    try {
      return new JdbcStore(dialect, pool, writer, description);
    } catch (SQLException | RuntimeException e) {
      writer.close();
      pool.close();
      throw e;
    }
  }

  private static HikariConfig poolConfig(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setInitializationFailTimeout(-1);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    return config;
  }

  private static HikariConfig sqlitePool(String name, int size, String jdbcUrl, boolean writer) {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout(30_000);
    if (writer) {
      // Span and trace ids are random, so every insert dirties pages all over the id indexes: a
      // page cache of 64 MB (default 2 MB) keeps them from being read back again and again, and a
      // checkpoint every 10,000 WAL pages (default 1,000, less than one 512-span request writes)
      // copies a page changed by several requests once. Readers keep the default cache: a larger
      // one made a full scan (text search) about 1.5 times slower.
      sqlite.setCacheSize(-64 * 1024);
      sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "10000");
    }
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl(jdbcUrl);
    HikariConfig config = poolConfig(name, size);
    config.setDataSource(source);
    return config;
  }

  /**
   * Stores {@code calls} in one transaction: all of them or, on any failure, none. A call whose id
   * is already stored in its project is skipped (an exporter's retry), not replaced.
   */
  public InsertResult insert(List<CallRecord> calls) throws SQLException {
    if (calls.isEmpty()) {
      return new InsertResult(0, 0);
    }
    TreeSet<Long> traces = new TreeSet<>();
    calls.forEach(call -> traces.add(lockKey(call.project(), call.traceId())));
    List<String[]> json = CallWriter.jsonColumns(calls); // outside the writer: it serializes
    return write(traces, connection -> new CallWriter(connection).insert(calls, json));
  }

  /** Returns the projects with stored calls, most recently active first. */
  public List<ProjectSummary> projects() throws SQLException {
    return read(connection -> new CallReader(connection, dialect).projects());
  }

  /** Returns one page of {@code project}'s calls matching {@code query}. */
  public CallPage calls(String project, CallQuery query) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).calls(project, query));
  }

  /** Returns the call with everything stored about it, or null when there is none. */
  public StoredCall call(String project, String id) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).call(project, id));
  }

  /** Returns the calls of a trace in start order (without inputs, output and span dump). */
  public List<StoredCall> trace(String project, String traceId) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).trace(project, traceId));
  }

  /**
   * Returns up to {@code limit} calls of {@code opName}, newest first, with inputs, output and
   * attributes (not the span dump).
   */
  public List<StoredCall> callsWithPayloads(String project, String opName, int limit)
      throws SQLException {
    return read(connection -> new CallReader(connection, dialect).withPayloads(project, opName, "",
        List.of(), "started_at DESC, id DESC", limit));
  }

  /** Returns the children of {@code parentId} named {@code opName} in start order, with payloads. */
  public List<StoredCall> childrenWithPayloads(String project, String parentId, String opName,
      int limit) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).withPayloads(project, opName,
        " AND parent_id = ?", List.of(parentId), "started_at, id", limit));
  }

  /** Returns root calls named {@code opName} started in [from, to], in start order, with payloads. */
  public List<StoredCall> rootsWithPayloads(String project, String opName, long fromNs, long toNs,
      int limit) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).withPayloads(project, opName,
        " AND parent_id IS NULL AND started_at >= ? AND started_at <= ?", List.of(fromNs, toNs),
        "started_at, id", limit));
  }

  /** Returns the op names of {@code project}, alphabetically. */
  public List<String> opNames(String project) throws SQLException {
    return read(connection -> new CallReader(connection, dialect).opNames(project));
  }

  /** Returns usage per model in buckets of {@code bucketNs} over calls started in [from, to). */
  public List<UsagePoint> usage(String project, long fromNs, long toNs, long bucketNs)
      throws SQLException {
    return read(connection ->
        new CallReader(connection, dialect).usage(project, fromNs, toNs, bucketNs));
  }

  /** Deletes every call started before {@code cutoffNs}; returns how many. */
  public long deleteStartedBefore(long cutoffNs) throws SQLException {
    return write(List.of(), connection -> Retention.delete(connection, cutoffNs));
  }

  /** Returns the schema version the database is at. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** Returns what the store is, e.g. {@code sqlite /home/me/.weft/weft.db}; never a password. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    if (writer != pool) {
      writer.close();
    }
    pool.close();
  }

  @Override
  public String toString() {
    return "JdbcStore{" + description + "}";
  }

  private <T> T write(Collection<Long> traceLocks, Work<T> work) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      sqliteWriter.lock();
    }
    try (Connection connection = writer.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          lockTraces(connection, traceLocks);
        }
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } finally {
      if (dialect == Dialect.SQLITE) {
        sqliteWriter.unlock();
      }
    }
  }

  // One statement for all of a request's traces; sorted, so two transactions never wait on each
  // other in opposite orders (unnest yields the array in order and each row takes its lock).
  private static void lockTraces(Connection connection, Collection<Long> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (var lock = connection.prepareStatement(
        "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k")) {
      lock.setArray(1, connection.createArrayOf("bigint", new TreeSet<>(keys).toArray()));
      lock.executeQuery().close();
    }
  }

  // A 64-bit key for a trace's advisory lock; a collision only makes two traces wait on each other.
  static long lockKey(String project, String traceId) {
    long hash = 1125899906842597L;
    for (String part : new String[] {"weft:", project, "/", traceId}) {
      for (int i = 0; i < part.length(); i++) {
        hash = 31 * hash + part.charAt(i);
      }
    }
    return hash;
  }

  private <T> T read(Work<T> work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    }
  }

  // Visible for tests: runs raw SQL (e.g. to count rows).
  long count(String sql) throws SQLException {
    return read(connection -> {
      try (Statement statement = connection.createStatement();
          var rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  private static String stripQuery(String url) {
    int question = url.indexOf('?');
    return question < 0 ? url : url.substring(0, question);
  }

  private static void createParent(Path file) throws SQLException {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new SQLException("cannot create the data directory " + parent + ": " + e, e);
    }
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * What an insert did.
   *
   * @param inserted calls stored
   * @param duplicates calls skipped because their id was already stored
   */
  public record InsertResult(int inserted, int duplicates) {}
}
