package dev.weft.agent.bootstrap;

/** What the core does around {@code HttpClientImpl.sendAsync}; see {@link JdkHttpBridge}. */
public interface JdkHttpHandler {

  /**
   * A request is about to be sent with {@code bodyHandler}. Returns null to send them as they are,
   * else {@code {request, bodyHandler, exchange}}: what to send instead and a token for {@link #exit}.
   */
  Object[] enter(Object request, Object bodyHandler);

  /** {@code sendAsync} returned {@code future} (a {@code CompletableFuture}) or threw {@code thrown}. */
  void exit(Object exchange, Object future, Throwable thrown);
}
