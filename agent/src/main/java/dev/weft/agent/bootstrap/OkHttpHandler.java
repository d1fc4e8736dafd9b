package dev.weft.agent.bootstrap;

/** What the core does for OkHttp; see {@link OkHttpBridge}. */
public interface OkHttpHandler {

  /** Adds Weft's interceptor to an {@code okhttp3.OkHttpClient.Builder} unless it has one. */
  void beforeBuild(Object builder);

  /** Remembers the current context for an {@code okhttp3.Call} run later on another thread. */
  void enqueued(Object call);

  /** The context remembered for {@code call} (forgotten now), or null. */
  Object parentOf(Object call);
}
