package dev.weft.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link WeftServer} runs. Build with {@link #builder()}; every setting has a default that
 * makes a local, single-user server on {@code 127.0.0.1:6345} storing into {@code ~/.weft}.
 */
public final class ServerConfig {

  /** The port the agent sends to when no trace URL is configured. */
  public static final int DEFAULT_PORT = 6345;

  private final String host;
  private final int port;
  private final Path dataDir;
  private final String databaseUrl;
  private final List<String> apiKeys;
  private final int retentionDays;
  private final int maxBodyBytes;
  private final Path pricesFile;

  private ServerConfig(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.dataDir = builder.dataDir;
    this.databaseUrl = builder.databaseUrl;
    this.apiKeys = List.copyOf(builder.apiKeys);
    this.retentionDays = builder.retentionDays;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.pricesFile = builder.pricesFile;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default data directory, {@code ~/.weft}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".weft");
  }

  /** The address to listen on. */
  public String host() {
    return host;
  }

  /** The port to listen on; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** Where the embedded store keeps its file. */
  public Path dataDir() {
    return dataDir;
  }

  /** The JDBC URL of the store: the {@code --db} URL, else the embedded SQLite file. */
  public String databaseUrl() {
    return databaseUrl != null ? databaseUrl
        : dev.weft.server.store.JdbcStore.sqliteUrl(dataDir);
  }

  /** API keys that ingest and the API accept; empty means no key is needed. */
  public List<String> apiKeys() {
    return apiKeys;
  }

  /** Calls older than this many days are deleted; 0 keeps everything. */
  public int retentionDays() {
    return retentionDays;
  }

  /** The largest ingest body accepted, compressed or not. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** A price table file overriding the built-in prices, or null. */
  public Path pricesFile() {
    return pricesFile;
  }

  @Override
  public String toString() {
    return "ServerConfig{host=" + host + ", port=" + port + ", dataDir=" + dataDir
        + ", db=" + (databaseUrl == null ? "embedded" : "OBFUSCATED") + ", apiKeys="
        + (apiKeys.isEmpty() ? "none" : "OBFUSCATED") + ", retentionDays=" + retentionDays
        + ", maxBodyBytes=" + maxBodyBytes + ", prices=" + pricesFile + "}";
  }

  /** Builds a {@link ServerConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Path dataDir = defaultDataDir();
    private String databaseUrl;
    private final List<String> apiKeys = new ArrayList<>();
    private int retentionDays;
    private int maxBodyBytes = 32 * 1024 * 1024;
    private Path pricesFile;

    private Builder() {}

    /** Sets the address to listen on (default {@code 127.0.0.1}). */
    public Builder setHost(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Sets the port (default 6345; 0 picks a free one). */
    public Builder setPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the data directory of the embedded store (default {@code ~/.weft}). */
    public Builder setDataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Sets a JDBC URL ({@code jdbc:postgresql://...}) instead of the embedded store. */
    public Builder setDatabaseUrl(String databaseUrl) {
      this.databaseUrl = Objects.requireNonNull(databaseUrl, "databaseUrl");
      return this;
    }

    /** Adds an API key that requests must carry; with none, no key is needed. */
    public Builder addApiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKeys.add(apiKey);
      return this;
    }

    /** Sets how many days calls are kept (default 0: forever). */
    public Builder setRetentionDays(int retentionDays) {
      if (retentionDays < 0) {
        throw new IllegalArgumentException("retentionDays must be >= 0, got " + retentionDays);
      }
      this.retentionDays = retentionDays;
      return this;
    }

    /** Sets the largest ingest body in bytes (default 32 MiB). */
    public Builder setMaxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Sets a price table file that overrides the built-in prices. */
    public Builder setPricesFile(Path pricesFile) {
      this.pricesFile = Objects.requireNonNull(pricesFile, "pricesFile");
      return this;
    }

    /** Returns the configuration. */
    public ServerConfig build() {
      return new ServerConfig(this);
    }
  }
}
