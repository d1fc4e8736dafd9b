package dev.weft.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * Reads a request body from its publisher, only when that is safe and cheap: a JDK publisher that
 * delivers on the subscribing thread ({@code ofString}, {@code ofByteArray}, {@code ofFile}, {@code
 * noBody}) with a known length under the cap. Anything else ({@code fromPublisher}, {@code
 * ofInputStream}, an app's own publisher, a huge body) is left alone: null.
 */
final class RequestBodies {
  private static final byte[] EMPTY = new byte[0];
  private static final String JDK_PUBLISHERS = "jdk.internal.net.http.RequestPublishers$";

  private RequestBodies() {}

  static byte[] read(HttpRequest request, long cap) {
    Optional<HttpRequest.BodyPublisher> present = request.bodyPublisher();
    if (present.isEmpty()) {
      return EMPTY;
    }
    HttpRequest.BodyPublisher publisher = present.get();
    long length = publisher.contentLength();
    if (length == 0) {
      return EMPTY;
    }
    if (length < 0 || length > cap || !synchronous(publisher)) {
      return null;
    }
    Collector collector = new Collector((int) length);
    publisher.subscribe(collector);
    return collector.bytes();
  }

  /** {@code ofString} is a {@code StringPublisher}, a {@code ByteArrayPublisher}: the hierarchy decides. */
  private static boolean synchronous(HttpRequest.BodyPublisher publisher) {
    for (Class<?> c = publisher.getClass(); c != null; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.startsWith(JDK_PUBLISHERS)
          && (name.endsWith("$ByteArrayPublisher") || name.endsWith("$FilePublisher"))) {
        return true;
      }
    }
    return false;
  }

  /** Takes every buffer as it is delivered on the subscribing thread. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    private final ByteArrayOutputStream out;
    private Flow.Subscription subscription;
    private boolean complete;
    private boolean failed;

    Collector(int length) {
      out = new ByteArrayOutputStream(length);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      ByteBuffer b = item.duplicate();
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      out.write(chunk, 0, chunk.length);
    }

    @Override
    public void onError(Throwable t) {
      failed = true;
    }

    @Override
    public void onComplete() {
      complete = true;
    }

    /** The body, or null when it did not arrive whole on this thread (then nothing more is taken). */
    byte[] bytes() {
      if (complete && !failed) {
        return out.toByteArray();
      }
      if (subscription != null) {
        subscription.cancel();
      }
      return null;
    }
  }
}
