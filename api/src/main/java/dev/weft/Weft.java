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
 * String reply = Weft.thread(conversationId, () -> agent.answer(message));
 * }</pre>
 *
 * <p>With the agent, the current call, attributes and thread follow work the app hands to other threads
 * (executors, fork/join, {@code CompletableFuture} stages, new and virtual threads), so calls started
 * there nest under the call that handed the work over.
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

  /**
   * Runs {@code body} with {@code attributes} added to every call it starts, on this thread and in
   * work it hands to other threads, and returns what it returns. Blocks nest; inner values win.
   */
  public static <T> T withAttributes(Map<String, ?> attributes, Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    try (Scope scope = attributes(attributes)) {
      return body.get();
    }
  }

  /** Like {@link #withAttributes(Map, Supplier)} for a body that returns nothing. */
  public static void withAttributes(Map<String, ?> attributes, Runnable body) {
    Objects.requireNonNull(body, "body");
    try (Scope scope = attributes(attributes)) {
      body.run();
    }
  }

  /**
   * Runs {@code body} as part of the conversation thread {@code threadId} (Weave's
   * {@code weave.thread}) and returns what it returns. Every call started inside, on this thread or in
   * work handed to other threads, belongs to the thread; the outermost ones are its turns.
   */
  public static <T> T thread(String threadId, Supplier<T> body) {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(body, "body");
    try (Scope scope = Bridge.pushThread(threadId)) {
      return body.get();
    }
  }

  /** Like {@link #thread(String, Supplier)} for a body that returns nothing. */
  public static void thread(String threadId, Runnable body) {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(body, "body");
    try (Scope scope = Bridge.pushThread(threadId)) {
      body.run();
    }
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
