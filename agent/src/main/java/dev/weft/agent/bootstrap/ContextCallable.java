package dev.weft.agent.bootstrap;

import java.util.concurrent.Callable;

/** Calls the app's task in the context it was handed over in. */
final class ContextCallable<V> implements Callable<V> {
  private final Callable<V> delegate;
  private final Object context;

  ContextCallable(Callable<V> delegate, Object context) {
    this.delegate = delegate;
    this.context = context;
  }

  @Override
  public V call() throws Exception {
    Object scope = ContextBridge.attach(context);
    try {
      return delegate.call();
    } finally {
      ContextBridge.detach(scope);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
