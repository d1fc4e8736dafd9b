package dev.weft.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster the way the server's tests start one ({@code initdb}, then
 * {@code pg_ctl start} on a free loopback port, as the {@code postgres} user under root), but with
 * PostgreSQL's default durability settings ({@code fsync}, {@code synchronous_commit} on; weft-server
 * turns {@code synchronous_commit} off for its own sessions unless its URL sets it): the figures are
 * for a server as a team would run it. Stopped and deleted by {@link #close}.
 */
final class PostgresProcess implements AutoCloseable {

  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresProcess(Path bin, Path data, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  static boolean installed() {
    return binaries() != null;
  }

  /** Starts an empty cluster with one database, {@code weft}. */
  static PostgresProcess start() throws IOException {
    Path bin = binaries();
    if (bin == null) {
      throw new IOException("PostgreSQL is not installed (Debian: apt-get install postgresql)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = Files.createTempDirectory("weft-bench-pg-");
    if (root) {
      Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    PostgresProcess cluster = new PostgresProcess(bin, data, port, root);
    cluster.run("initdb", "-D", data.toString(), "-U", "weft", "--auth=trust", "-E", "UTF8",
        "--no-instructions");
    cluster.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w",
        "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data, "start");
    cluster.run("createdb", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "weft", "weft");
    return cluster;
  }

  /** The server's {@code --db} value. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/weft?user=weft";
  }

  String version() {
    return bin.getParent().getFileName().toString();
  }

  @Override
  public void close() {
    try {
      run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    } catch (IOException e) {
      System.err.println("# stopping PostgreSQL failed: " + e.getMessage());
    }
    ServerRun.deleteTree(data);
  }

  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparing(v -> v.getFileName().toString())).map(v -> v.resolve("bin"))
          .orElse(null);
    } catch (IOException e) {
      return null;
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
}
