package dev.weft.agent.bootstrap;

import java.util.concurrent.Executor;

/**
 * The executor of a {@code CompletableFuture} stage made inside a call: the stage may fire later on
 * whichever thread completes its source, so work is handed over in the context the stage was made in.
 * Whatever the app's executor does then (queue, start a thread, run in place) captures that context.
 */
final class ContextExecutor implements Executor {
  private final Executor delegate;
  private final Object context;

  ContextExecutor(Executor delegate, Object context) {
    this.delegate = delegate;
    this.context = context;
  }

  @Override
  public void execute(Runnable command) {
    Object scope = ContextBridge.attach(context);
    try {
      delegate.execute(command);
    } finally {
      ContextBridge.detach(scope);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
