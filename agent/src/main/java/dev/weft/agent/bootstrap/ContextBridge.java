package dev.weft.agent.bootstrap;

import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Called by the advice inlined into JDK concurrency classes to carry the trace context from the thread
 * that hands work over to the thread that runs it. Capturing is one read of the current context; work
 * handed over outside any call is left exactly as it was. Never throws.
 */
public final class ContextBridge {
  private static final String POOL_WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
  private static volatile ContextHandler handler;

  private ContextBridge() {}

  /** Installs the core's handler. */
  public static void install(ContextHandler h) {
    handler = h;
  }

  /** {@code task}, or a wrapper that runs it in the current context when a call is running. */
  public static Runnable wrap(Runnable task) {
    Object context = current(task);
    return context == null ? task : new ContextRunnable(task, context);
  }

  /** {@code task}, or a wrapper that runs it in the current context when a call is running. */
  public static <V> Callable<V> wrap(Callable<V> task) {
    Object context = current(task);
    return context == null ? task : new ContextCallable<V>(task, context);
  }

  /**
   * Like {@link #wrap(Runnable)} for the task of a new thread, except the loop of a pool's worker
   * thread: a worker started inside a call would otherwise keep that call as the parent of every task
   * it ever runs.
   */
  public static Runnable wrapThreadTask(Runnable task) {
    if (task == null || task.getClass().getName().equals(POOL_WORKER)) {
      return task;
    }
    return wrap(task);
  }

  /** {@code executor}, or one that hands work over in the current context when a call is running. */
  public static Executor wrapExecutor(Executor executor) {
    Object context = current(executor);
    return context == null ? executor : new ContextExecutor(executor, context);
  }

  /** See {@link ContextHandler#taskQueued}. */
  public static void taskQueued(Object task) {
    ContextHandler h = handler;
    if (h != null && task != null) {
      try {
        h.taskQueued(task);
      } catch (Throwable ignored) {
        // the task runs untraced
      }
    }
  }

  /** See {@link ContextHandler#taskStarting}. */
  public static Object taskStarting(Object task) {
    ContextHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.taskStarting(task);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Makes {@code context} current; returns the scope for {@link #detach}, or null. */
  public static Object attach(Object context) {
    ContextHandler h = handler;
    if (h == null || context == null) {
      return null;
    }
    try {
      return h.attach(context);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Runs what follows outside any call until {@link #detach}: for JDK code that hands over its own
   * machinery rather than the app's work (a virtual thread's continuation to its carrier).
   */
  public static Object clear() {
    ContextHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.clear();
    } catch (Throwable t) {
      return null;
    }
  }

  /** Closes a scope from {@link #attach} or {@link #taskStarting}; null does nothing. */
  public static void detach(Object scope) {
    ContextHandler h = handler;
    if (h == null || scope == null) {
      return;
    }
    try {
      h.detach(scope);
    } catch (Throwable ignored) {
      // out of order: the core logs it
    }
  }

  /** Replaces our wrappers in a list returned to the app (e.g. by {@code shutdownNow}) by the app's tasks. */
  public static void unwrapAll(List<Runnable> tasks) {
    if (tasks == null) {
      return;
    }
    try {
      for (ListIterator<Runnable> it = tasks.listIterator(); it.hasNext(); ) {
        Runnable r = it.next();
        if (r instanceof ContextRunnable) {
          it.set(((ContextRunnable) r).delegate);
        }
      }
    } catch (Throwable ignored) {
      // an unmodifiable list: leave it
    }
  }

  /** The element of {@code queue} that stands for the app's {@code task}: itself, or our wrapper of it. */
  public static Runnable queued(BlockingQueue<Runnable> queue, Runnable task) {
    if (task == null || queue == null || task instanceof ContextRunnable) {
      return task;
    }
    try {
      for (Runnable r : queue) {
        if (r instanceof ContextRunnable && ((ContextRunnable) r).delegate == task) {
          return r;
        }
      }
    } catch (Throwable ignored) {
      // fall through
    }
    return task;
  }

  private static Object current(Object task) {
    ContextHandler h = handler;
    if (h == null || task == null || task instanceof ContextRunnable || task instanceof ContextCallable
        || task instanceof ContextExecutor) {
      return null;
    }
    try {
      return h.current();
    } catch (Throwable t) {
      return null;
    }
  }
}
