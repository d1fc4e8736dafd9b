package dev.weft.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar weft-server.jar --port 0} as a separate process on loopback, with its own data
 * directory or {@code --db} URL; the base URL is read from the line the server prints when ready.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("UI at (http://127\\.0\\.0\\.1:\\d+)/");
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final Process process;
  private final String baseUrl;

  private ServerProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts the server on a free port with {@code storeArgs} ({@code --data-dir D} or {@code --db URL}). */
  static ServerProcess start(Path jar, List<String> jvmArgs, List<String> storeArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0"));
    command.addAll(storeArgs);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread reader = new Thread(() -> drain(lines, ready, seen), "weft-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("weft-server did not start: " + e + "\n" + seen, e);
    }
  }

  private static void drain(BufferedReader lines, CompletableFuture<String> ready, StringBuilder seen) {
    try {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (seen) {
          seen.append(line).append('\n');
        }
        Matcher matcher = READY.matcher(line);
        if (matcher.find()) {
          ready.complete(matcher.group(1));
        } else if (ready.isDone()) {
          System.out.println("# weft-server: " + line);
        }
      }
      ready.completeExceptionally(new IOException("the server exited"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  long pid() {
    return process.pid();
  }

  /** User + system CPU time the server process has used so far, in seconds (Linux /proc). */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Resident set size of the server process now, in MB (Linux /proc). */
  double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // below
    }
    return Double.NaN;
  }

  @Override
  public void close() throws InterruptedException {
    // SIGTERM: the server's shutdown hook closes the store. Through the handle, unlike
    // Process.destroy(), which also closes the pipe and loses what the server prints as it stops.
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
