package dev.weft.server;

import dev.weft.server.http.WebHandler;
import dev.weft.server.ingest.Prices;
import dev.weft.server.store.JdbcStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running Weft trace server: OTLP ingest at {@code /otel/v1/traces}, the JSON API under
 * {@code /api}, the web UI everywhere else, one store behind them.
 *
 * <pre>{@code
 * try (WeftServer server = WeftServer.start(ServerConfig.builder().setPort(0).build())) {
 *   // point an exporter at server.baseUrl()
 * }
 * }</pre>
 */
public final class WeftServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WeftServer.class.getName());
  private static final long HOUR_MS = 3_600_000L;

  private final ServerConfig config;
  private final JdbcStore store;
  private final Server jetty;
  private final ServerConnector connector;
  private final ScheduledExecutorService retention;

  private WeftServer(ServerConfig config, JdbcStore store, Server jetty, ServerConnector connector) {
    this.config = config;
    this.store = store;
    this.jetty = jetty;
    this.connector = connector;
    this.retention = config.retentionDays() > 0 ? startRetention() : null;
  }

  /**
   * Opens the store (creating or migrating it) and starts listening.
   *
   * @throws IOException when the store cannot be opened or the address cannot be bound
   */
  public static WeftServer start(ServerConfig config) throws IOException {
    Prices prices = config.pricesFile() == null
        ? Prices.builtIn() : Prices.withOverrides(config.pricesFile());
    JdbcStore store;
    try {
      store = JdbcStore.open(config.databaseUrl());
    } catch (SQLException | RuntimeException e) {
      throw new IOException("cannot open the store: " + e.getMessage(), e);
    }
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("weft-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    jetty.setHandler(new WebHandler(store, prices, config.apiKeys(), config.maxBodyBytes()));
    jetty.setStopTimeout(2_000);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      store.close();
      throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    return new WeftServer(config, store, jetty, connector);
  }

  /** Returns the port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Returns {@code http://HOST:PORT}, what the agent's {@code trace.url} should be. */
  public String baseUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Returns the store the server writes to. */
  public JdbcStore store() {
    return store;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops listening, then closes the store. */
  @Override
  public void close() {
    if (retention != null) {
      retention.shutdownNow();
    }
    stopQuietly(jetty);
    store.close();
  }

  private ScheduledExecutorService startRetention() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "weft-retention");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::applyRetention, 0, HOUR_MS, TimeUnit.MILLISECONDS);
    return executor;
  }

  void applyRetention() {
    long cutoffNs = (System.currentTimeMillis() - config.retentionDays() * 24 * HOUR_MS) * 1_000_000L;
    try {
      long deleted = store.deleteStartedBefore(cutoffNs);
      if (deleted > 0) {
        LOG.info(() -> "weft-server: deleted " + deleted + " calls older than "
            + config.retentionDays() + " days");
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "weft-server: retention failed; will retry in an hour", e);
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception | LinkageError e) {
      // LinkageError: the jar was replaced under the running server (a rebuild); stopping anyway.
      LOG.log(Level.FINE, "weft-server: stopping Jetty failed", e);
    }
  }

  @Override
  public String toString() {
    return "WeftServer{" + baseUrl() + ", " + store.description() + "}";
  }
}
