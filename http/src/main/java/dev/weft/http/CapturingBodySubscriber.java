package dev.weft.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between the JDK client and the app's body subscriber: every buffer goes to the core as it
 * arrives and on to the app at once, unchanged unless the core replaces it (the usage-only SSE event
 * the app did not ask for is hidden). Ends the call when the body completes, fails, or the app
 * cancels (an {@code ofInputStream} or {@code ofLines} closed early).
 *
 * <p>Demand stays the app's: a buffer the core swallows whole is made up for with one more request
 * upstream, and bytes held back until the end are handed over only when the app has asked for more.
 */
final class CapturingBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final Object call;
  private final HttpResponse.BodySubscriber<T> app;
  /** Buffers the app asked for and has not been given yet. */
  private final AtomicLong demand = new AtomicLong();
  private volatile Flow.Subscription upstream;
  /** Held-back bytes waiting for demand before the app is told the body completed; guarded by this. */
  private volatile List<ByteBuffer> tail;

  CapturingBodySubscriber(Object call, HttpResponse.BodySubscriber<T> app) {
    this.call = call;
    this.app = app;
  }

  @Override
  public CompletionStage<T> getBody() {
    return app.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    upstream = subscription;
    app.onSubscribe(new AppSubscription());
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    List<ByteBuffer> out = items;
    try {
      out = seen(items);
    } catch (RuntimeException e) {
      // never in the app's way: it gets the bytes as they came
    }
    if (out.isEmpty() && !items.isEmpty()) {
      upstream.request(1); // all held back: ask for the next buffer the app is still owed
      return;
    }
    demand.decrementAndGet();
    app.onNext(out);
  }

  @Override
  public void onError(Throwable error) {
    LlmBridgeAccess.end(call, error);
    app.onError(error);
  }

  @Override
  public void onComplete() {
    byte[] rest = LlmBridgeAccess.finish(call);
    LlmBridgeAccess.end(call, null);
    if (rest.length == 0) {
      app.onComplete();
      return;
    }
    synchronized (this) {
      tail = Collections.singletonList(ByteBuffer.wrap(rest));
    }
    drainTail();
  }

  /** Hands over the held-back bytes, then completes, once the app wants a buffer. */
  private void drainTail() {
    List<ByteBuffer> last;
    synchronized (this) {
      if (tail == null || demand.get() <= 0) {
        return;
      }
      last = tail;
      tail = null;
    }
    demand.decrementAndGet();
    app.onNext(last);
    app.onComplete();
  }

  /** What the app gets for {@code items}: the same list unless the core replaced some bytes. */
  private List<ByteBuffer> seen(List<ByteBuffer> items) {
    List<ByteBuffer> out = null;
    for (int i = 0; i < items.size(); i++) {
      ByteBuffer buffer = items.get(i);
      byte[] replaced = chunk(buffer);
      if (replaced != null && out == null) {
        out = new ArrayList<>(items.subList(0, i));
      }
      if (replaced == null && out != null) {
        out.add(buffer);
      } else if (replaced != null && replaced.length > 0) {
        out.add(ByteBuffer.wrap(replaced));
      }
    }
    return out == null ? items : out;
  }

  private byte[] chunk(ByteBuffer buffer) {
    int length = buffer.remaining();
    if (buffer.hasArray()) {
      return LlmBridgeAccess.chunk(call, buffer.array(), buffer.arrayOffset() + buffer.position(), length);
    }
    byte[] copy = new byte[length];
    buffer.duplicate().get(copy);
    return LlmBridgeAccess.chunk(call, copy, 0, length);
  }

  /** The app's view of the subscription: counts its demand and ends the call when it cancels. */
  private final class AppSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {
      if (n > 0) {
        long before;
        long after;
        do {
          before = demand.get();
          after = before + n < 0 ? Long.MAX_VALUE : before + n;
        } while (!demand.compareAndSet(before, after));
        if (tail != null) {
          drainTail();
          return;
        }
      }
      upstream.request(n);
    }

    @Override
    public void cancel() {
      LlmBridgeAccess.end(call, null);
      upstream.cancel();
    }
  }
}
