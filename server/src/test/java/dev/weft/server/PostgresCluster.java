package dev.weft.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory, {@code pg_ctl
 * start -w} on a free loopback port, stopped and deleted when the test JVM exits. Needs the Debian
 * {@code postgresql} package (binaries under {@code /usr/lib/postgresql/<version>/bin}, or the
 * directory in {@code weft.test.pg.bin}). PostgreSQL refuses to run as root: under root the server
 * runs as the {@code postgres} user the package creates.
 */
public final class PostgresCluster {

  private static PostgresCluster instance;

  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresCluster(Path bin, Path data, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Returns the cluster of this JVM, starting it on first use. */
  public static synchronized PostgresCluster get() {
    if (instance == null) {
      try {
        instance = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "weft-test-postgres-stop"));
    }
    return instance;
  }

  /** Creates an empty database and returns its JDBC URL. */
  public String newDatabase() {
    String name = "weft_test_" + databases.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return url(name);
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=weft";
  }

  private static PostgresCluster start() throws IOException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = Files.createTempDirectory("weft-pg-");
    if (root) {
      UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(data, postgres);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    PostgresCluster cluster = new PostgresCluster(bin, data, port, root);
    cluster.run("initdb", "-D", data.toString(), "-U", "weft", "--auth=trust", "-E", "UTF8", "--no-instructions");
    cluster.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB", "start");
    return cluster;
  }

  private static Path binaries() throws IOException {
    String configured = System.getProperty("weft.test.pg.bin");
    if (configured != null) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(v -> parse(v.getFileName().toString()))).orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    throw new IOException("PostgreSQL is not installed: these tests need initdb and pg_ctl"
        + " (Debian: apt-get install postgresql; or -Dweft.test.pg.bin=DIR)");
  }

  private static int parse(String version) {
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void run(String tool, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + tool, e);
    }
  }

  private void stop() {
    try {
      run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException e) {
      System.err.println("weft tests: stopping PostgreSQL failed: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("weft tests: cannot delete " + data + ": " + e.getMessage());
    }
  }
}
