package dev.weft.agent.core;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follows a Reactor {@code Mono} or {@code Flux} returned by a traced method to its end. Reactor is the
 * app's, found by reflection from the publisher's own class loader; the agent has no Reactor of its own
 * and runs the same without one.
 *
 * <p>The method returns {@code from(source).doOnEach(..).doOnCancel(..)}, where {@code source}
 * subscribes to the original in the call's context, so work the publisher starts when subscribed
 * (an HTTP request, a scheduled task) nests under the call even though the method has returned.
 */
final class ReactiveCalls {
  /** A Flux's output keeps at most this many items. */
  private static final int MAX_ITEMS = 1000;
  private static final ClassValue<Reactor> REACTOR = new ClassValue<Reactor>() {
    @Override
    protected Reactor computeValue(Class<?> type) {
      try {
        return new Reactor(type.getClassLoader());
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  };

  private ReactiveCalls() {}

  /** How the call ends: with the Mono's value or the Flux's items, an error, or cancelled (no output). */
  interface Ending {
    void end(Object value, Throwable error, boolean cancelled);
  }

  static Object endAtTermination(Object publisher, Context context, Ending ending) throws ReflectiveOperationException {
    Reactor reactor = REACTOR.get(publisher.getClass());
    if (reactor == null) {
      throw new ClassNotFoundException("reactor.core.publisher.Mono from " + publisher.getClass().getClassLoader());
    }
    boolean mono = reactor.mono.isInstance(publisher);
    Object source = Proxy.newProxyInstance(reactor.loader, new Class<?>[] {reactor.publisher},
        new SubscribeInContext(publisher, context, reactor.subscribe));
    Object wrapped = mono ? reactor.monoFromDirect.invoke(null, source) : reactor.fluxFrom.invoke(null, source);
    Terminal terminal = new Terminal(reactor, mono, ending);
    Object peeked = (mono ? reactor.monoDoOnEach : reactor.fluxDoOnEach).invoke(wrapped, terminal);
    return (mono ? reactor.monoDoOnCancel : reactor.fluxDoOnCancel).invoke(peeked, terminal);
  }

  /** The original publisher, subscribed to in the call's context. */
  private static final class SubscribeInContext implements InvocationHandler {
    private final Object publisher;
    private final Context context;
    private final Method subscribe;

    SubscribeInContext(Object publisher, Context context, Method subscribe) {
      this.publisher = publisher;
      this.context = context;
      this.subscribe = subscribe;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "subscribe":
          try (Scope scope = context.makeCurrent()) {
            return subscribe.invoke(publisher, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        default:
          return publisher.toString();
      }
    }
  }

  /** Ends the call once, at the first of complete, error and cancel. */
  private static final class Terminal implements Consumer<Object>, Runnable {
    private final Reactor reactor;
    private final boolean mono;
    private final Ending ending;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Object> items = new ArrayList<>();
    private Object value;

    Terminal(Reactor reactor, boolean mono, Ending ending) {
      this.reactor = reactor;
      this.mono = mono;
      this.ending = ending;
    }

    @Override
    public void accept(Object signal) {
      try {
        if ((Boolean) reactor.isOnNext.invoke(signal)) {
          next(reactor.get.invoke(signal));
        } else if ((Boolean) reactor.isOnError.invoke(signal)) {
          end(null, (Throwable) reactor.getThrowable.invoke(signal), false);
        } else if ((Boolean) reactor.isOnComplete.invoke(signal)) {
          end(mono ? value : snapshot(), null, false);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        AgentLog.warnOnce("reactive-signal", "could not read a Reactor signal; the call ends now", e);
        end(null, null, true);
      }
    }

    @Override
    public void run() {
      end(null, null, true);
    }

    private synchronized void next(Object item) {
      if (mono) {
        value = item;
      } else if (items.size() < MAX_ITEMS) {
        items.add(item);
      }
    }

    private synchronized List<Object> snapshot() {
      return new ArrayList<>(items);
    }

    private void end(Object output, Throwable error, boolean cancelled) {
      if (ended.compareAndSet(false, true)) {
        ending.end(output, error, cancelled);
      }
    }
  }

  /** Reactor's classes and methods as one class loader sees them. */
  private static final class Reactor {
    final ClassLoader loader;
    final Class<?> publisher;
    final Class<?> mono;
    final Method subscribe;
    final Method monoFromDirect;
    final Method fluxFrom;
    final Method monoDoOnEach;
    final Method fluxDoOnEach;
    final Method monoDoOnCancel;
    final Method fluxDoOnCancel;
    final Method isOnNext;
    final Method isOnError;
    final Method isOnComplete;
    final Method get;
    final Method getThrowable;

    Reactor(ClassLoader loader) throws ReflectiveOperationException {
      this.loader = loader;
      publisher = Class.forName("org.reactivestreams.Publisher", false, loader);
      mono = Class.forName("reactor.core.publisher.Mono", false, loader);
      Class<?> flux = Class.forName("reactor.core.publisher.Flux", false, loader);
      Class<?> subscriber = Class.forName("org.reactivestreams.Subscriber", false, loader);
      Class<?> signal = Class.forName("reactor.core.publisher.Signal", false, loader);
      subscribe = publisher.getMethod("subscribe", subscriber);
      monoFromDirect = mono.getMethod("fromDirect", publisher);
      fluxFrom = flux.getMethod("from", publisher);
      monoDoOnEach = mono.getMethod("doOnEach", Consumer.class);
      fluxDoOnEach = flux.getMethod("doOnEach", Consumer.class);
      monoDoOnCancel = mono.getMethod("doOnCancel", Runnable.class);
      fluxDoOnCancel = flux.getMethod("doOnCancel", Runnable.class);
      isOnNext = signal.getMethod("isOnNext");
      isOnError = signal.getMethod("isOnError");
      isOnComplete = signal.getMethod("isOnComplete");
      get = signal.getMethod("get");
      getThrowable = signal.getMethod("getThrowable");
    }
  }
}
