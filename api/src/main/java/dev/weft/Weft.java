package dev.weft;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The entry point of Weft in code, the Java counterpart of Weave's {@code weave} module.
 *
 * <p>Every method works without the agent: it then runs the user's code and traces nothing. Methods
 * never throw on their own account and never return null.
 *
 * <pre>{@code
 * Weft.init("my-team/my-project");
 * String answer = Weft.op("answer", Map.of("question", q), () -> model.ask(q));
 * try (Weft.Scope s = Weft.attributes(Map.of("env", "prod"))) {
 *   pipeline.run();
 * }
 * }</pre>
 */
public final class Weft {

  private Weft() {}

  /**
   * Sends traces to {@code team/project}, as {@code weave.init} does. When the agent was not given on the
   * command line but {@code weft-agent} is on the class path, attaches it to this JVM, so {@code @Op}
   * works from an IDE run or a test too. Where that is impossible it says so in one line and Weft stays
   * a no-op.
   *
   * @param project {@code team/project}
   */
  public static void init(String project) {
    Objects.requireNonNull(project, "project");
    Bridge.init(project);
  }

  /** Whether calls are being traced in this JVM (the agent is installed and enabled). */
  public static boolean isActive() {
    return Bridge.isActive();
  }

  /**
   * Runs {@code body} as a traced call named {@code name} and returns what it returns. Exceptions pass
   * through unchanged and mark the call as failed.
   */
  public static <T> T op(String name, Supplier<T> body) {
    return op(name, Kind.NONE, Collections.<String, Object>emptyMap(), body);
  }

  /** Like {@link #op(String, Supplier)}, with {@code inputs} recorded as the call's inputs. */
  public static <T> T op(String name, Map<String, ?> inputs, Supplier<T> body) {
    return op(name, Kind.NONE, inputs, body);
  }

  /** Like {@link #op(String, Map, Supplier)}, with the call's {@link Kind}. */
  public static <T> T op(String name, Kind kind, Map<String, ?> inputs, Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    Object token = Bridge.startOp(name, kind, inputs);
    T result;
    try {
      result = body.get();
    } catch (RuntimeException | Error e) {
      Bridge.endOp(token, null, e);
      throw e;
    }
    Bridge.endOp(token, result, null);
    return result;
  }

  /** Runs {@code body} as a traced call named {@code name} that has no output. */
  public static void run(String name, Runnable body) {
    Objects.requireNonNull(body, "body");
    Object token = Bridge.startOp(name, Kind.NONE, Collections.<String, Object>emptyMap());
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      Bridge.endOp(token, null, e);
      throw e;
    }
    Bridge.endOp(token, Bridge.VOID, null);
  }

  /** Like {@link #op(String, Supplier)} for a body that throws checked exceptions. */
  public static <T> T call(String name, Callable<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    Object token = Bridge.startOp(name, Kind.NONE, Collections.<String, Object>emptyMap());
    T result;
    try {
      result = body.call();
    } catch (Exception | Error e) {
      Bridge.endOp(token, null, e);
      throw e;
    }
    Bridge.endOp(token, result, null);
    return result;
  }

  /**
   * Adds {@code attributes} to every call started on this thread until the returned scope is closed
   * (Weave's {@code weave.attributes}). Scopes nest; inner values win.
   */
  public static Scope attributes(Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return Bridge.pushAttributes(attributes);
  }

  /** The call running on this thread, or {@link Call#none()}. */
  public static Call currentCall() {
    return Bridge.currentCall();
  }

  /** A block opened by {@link #attributes(Map)}; close it on the thread that opened it. */
  public interface Scope extends AutoCloseable {
    /** Ends the block. Closing twice does nothing. */
    @Override
    void close();
  }
}
