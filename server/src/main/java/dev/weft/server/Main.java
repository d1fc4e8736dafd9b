package dev.weft.server;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar weft-server.jar [--host H] [--port P] [--data-dir DIR] [--db JDBC_URL]
 * [--api-key KEY] [--retention-days N] [--max-body-mb N] [--prices FILE]}. Prints one line with the
 * UI's URL and serves until stopped. A bad setting prints one line naming it and exits with 2; a
 * server that cannot start prints why and exits with 1.
 */
public final class Main {

  // Held so the levels stay set (java.util.logging keeps loggers weakly).
  private static final List<Logger> QUIET = List.of(Logger.getLogger("org.eclipse.jetty"),
      Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("org.sqlite"));

  private Main() {}

  public static void main(String[] args) {
    quietLibraries();
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(ServerSettings.USAGE);
      return;
    }
    ServerConfig config;
    try {
      config = ServerSettings.parse(args, propertyMap(), System.getenv());
    } catch (ServerSettings.BadSetting e) {
      System.err.println("weft-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    WeftServer server;
    try {
      server = WeftServer.start(config);
    } catch (IOException e) {
      System.err.println("weft-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "weft-server-stop"));
    System.out.println("weft-server: UI at " + server.baseUrl() + "/ (store: "
        + server.store().description() + "; ingest: POST " + server.baseUrl() + "/otel/v1/traces)");
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> propertyMap() {
    Map<String, String> map = new HashMap<>();
    System.getProperties().forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
    return map;
  }

  private static void quietLibraries() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
    }
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
  }
}
