package dev.weft.exporter.weave;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Builds a {@link WeaveSpanExporter}. Only {@link #setProject(String)} is required; everything is
 * checked in {@link #build()}, which fails with an {@link IllegalArgumentException} naming the bad
 * setting.
 */
public final class WeaveSpanExporterBuilder {

  /** The base URL of Weave's multi-tenant cloud, the default endpoint. */
  public static final String DEFAULT_ENDPOINT = "https://trace.wandb.ai";

  /** Where a Weave-style backend ingests OTLP traces, relative to its base URL. */
  public static final String TRACES_PATH = "/otel/v1/traces";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern TEAM_SLASH_PROJECT = Pattern.compile("[^/\\s]+/[^/\\s]+");
  private static final String AUTHORIZATION = "Authorization";
  private static final String PROJECT_ID = "project_id";

  private String endpoint = DEFAULT_ENDPOINT;
  private String project;
  private String apiKey;
  private Duration timeout = DEFAULT_TIMEOUT;
  private boolean gzip = true;
  private RetryPolicy retryPolicy = defaultRetryPolicy();
  private Map<String, String> headers = new LinkedHashMap<>();

  WeaveSpanExporterBuilder() {}

  /**
   * Sets the base URL of the Weave-style backend; spans go to {@code <baseUrl>/otel/v1/traces}.
   * A trailing slash, or the full traces URL, is accepted too. Default {@value #DEFAULT_ENDPOINT}.
   */
  public WeaveSpanExporterBuilder setEndpoint(String baseUrl) {
    this.endpoint = requireNonNull(baseUrl, "baseUrl");
    return this;
  }

  /** Sets the project spans belong to, as {@code team/project}. Required. */
  public WeaveSpanExporterBuilder setProject(String teamSlashProject) {
    this.project = requireNonNull(teamSlashProject, "teamSlashProject");
    return this;
  }

  /** Sets the W&amp;B API key, sent as HTTP Basic auth ({@code api:<key>}). Optional. */
  public WeaveSpanExporterBuilder setApiKey(String apiKey) {
    this.apiKey = requireNonNull(apiKey, "apiKey");
    return this;
  }

  /** Sets the maximum time to wait for the backend to take one batch. Default 10 seconds. */
  public WeaveSpanExporterBuilder setTimeout(Duration timeout) {
    this.timeout = requireNonNull(timeout, "timeout");
    return this;
  }

  /** Sets whether request bodies are gzip-compressed. Default {@code true}. */
  public WeaveSpanExporterBuilder setCompression(boolean gzip) {
    this.gzip = gzip;
    return this;
  }

  /**
   * Sets how failed exports are retried (429, 502, 503, 504 and connection failures). Default: 5
   * attempts, backoff from 1 second up to 5 seconds.
   */
  public WeaveSpanExporterBuilder setRetryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /**
   * Sets extra headers sent with every request, replacing any set before. {@code Authorization}
   * and {@code project_id} are reserved: use {@link #setApiKey} and {@link #setProject}.
   */
  public WeaveSpanExporterBuilder setHeaders(Map<String, String> headers) {
    requireNonNull(headers, "headers");
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((name, value) -> copy.put(requireNonNull(name, "header name"),
        requireNonNull(value, "header value")));
    this.headers = copy;
    return this;
  }

  /**
   * Builds the exporter.
   *
   * @throws IllegalArgumentException if a setting is missing or invalid
   */
  public WeaveSpanExporter build() {
    String url = tracesUrl(endpoint);
    String[] teamAndProject = teamAndProject(project);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (apiKey != null && apiKey.trim().isEmpty()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder()
        .setEndpoint(url)
        .setTimeout(timeout)
        .setCompression(gzip ? "gzip" : "none")
        .setRetryPolicy(retryPolicy)
        .setMeterProvider(MeterProvider.noop());
    headers.forEach((name, value) -> otlp.addHeader(checkHeaderName(name), value));
    otlp.addHeader(PROJECT_ID, project);
    if (apiKey != null) {
      otlp.addHeader(AUTHORIZATION, basicAuth(apiKey));
    }
    WeaveSpanMapping mapping = new WeaveSpanMapping(teamAndProject[0], teamAndProject[1]);
    return new WeaveSpanExporter(otlp.build(), mapping, describe(url));
  }

  /** Shows the settings; the API key and header values show as {@code OBFUSCATED}. */
  @Override
  public String toString() {
    return "WeaveSpanExporterBuilder{" + describe(endpoint) + "}";
  }

  static RetryPolicy defaultRetryPolicy() {
    return RetryPolicy.builder()
        .setMaxAttempts(5)
        .setInitialBackoff(Duration.ofSeconds(1))
        .setMaxBackoff(Duration.ofSeconds(5))
        .setBackoffMultiplier(2)
        .build();
  }

  /** Returns the traces URL for a base URL, or throws naming what is wrong with it. */
  static String tracesUrl(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL, got '" + baseUrl + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "endpoint must be an http(s) URL without query, got '" + baseUrl + "'");
    }
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
  }

  /** Splits {@code team/project}, or throws naming what is wrong with it. */
  static String[] teamAndProject(String teamSlashProject) {
    if (teamSlashProject == null) {
      throw new IllegalArgumentException("project is required, as team/project");
    }
    if (!TEAM_SLASH_PROJECT.matcher(teamSlashProject).matches()) {
      throw new IllegalArgumentException(
          "project must be team/project, got '" + teamSlashProject + "'");
    }
    return teamSlashProject.split("/", 2);
  }

  static String basicAuth(String apiKey) {
    byte[] credentials = ("api:" + apiKey).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }

  private static String checkHeaderName(String name) {
    if (name.equalsIgnoreCase(AUTHORIZATION) || name.equalsIgnoreCase(PROJECT_ID)) {
      throw new IllegalArgumentException("headers must not set " + name
          + ": use setApiKey and setProject");
    }
    if (name.trim().isEmpty()) {
      throw new IllegalArgumentException("header names must not be blank");
    }
    return name;
  }

  private String describe(String url) {
    StringJoiner shownHeaders = new StringJoiner(", ", "{", "}");
    headers.keySet().forEach(name -> shownHeaders.add(name + "=OBFUSCATED"));
    return "endpoint=" + url
        + ", project=" + project
        + ", apiKey=" + (apiKey == null ? "none" : "OBFUSCATED")
        + ", headers=" + shownHeaders
        + ", compression=" + (gzip ? "gzip" : "none")
        + ", timeout=" + timeout
        + ", retryPolicy=" + retryPolicy;
  }
}
