package dev.weft.agent.bootstrap;

/** Runs the app's task in the context it was handed over in. */
final class ContextRunnable implements Runnable {
  final Runnable delegate;
  private final Object context;

  ContextRunnable(Runnable delegate, Object context) {
    this.delegate = delegate;
    this.context = context;
  }

  @Override
  public void run() {
    Object scope = ContextBridge.attach(context);
    try {
      delegate.run();
    } finally {
      ContextBridge.detach(scope);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
