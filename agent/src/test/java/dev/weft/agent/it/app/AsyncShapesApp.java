package dev.weft.agent.it.app;

import dev.weft.Op;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Calls whose work goes on after they return, conversation threads and attributes across threads, and
 * what a thread pool hands back to the app. Prints what the app sees, so runs with and without the agent
 * can be compared.
 */
public final class AsyncShapesApp {
  private static final long WAIT_SECONDS = 30;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final CountDownLatch parentReturned = new CountDownLatch(1);

  public static void main(String[] args) throws Exception {
    AsyncShapesApp app = new AsyncShapesApp();
    try {
      app.outlive();
      app.staged();
      app.conversation();
      app.identity();
    } finally {
      app.pool.shutdownNow();
    }
  }

  /** A task that starts after its parent returned still nests under it. */
  void outlive() throws Exception {
    Future<String> late = startLate();
    parentReturned.countDown();
    System.out.println("outlive=" + late.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Op
  Future<String> startLate() {
    return pool.submit(() -> {
      parentReturned.await(WAIT_SECONDS, TimeUnit.SECONDS);
      return step("late");
    });
  }

  /** A CompletionStage op ends when its whole thenCompose/handle chain has, which runs after it returned. */
  void staged() throws Exception {
    CompletableFuture<String> gate = new CompletableFuture<>();
    CompletableFuture<String> chain = chain(gate);
    gate.complete("go");
    System.out.println("staged=" + chain.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Op
  CompletableFuture<String> chain(CompletableFuture<String> gate) {
    return gate.thenApplyAsync(go -> step("a"))
        .thenCompose(a -> CompletableFuture.supplyAsync(() -> step(a + "b"), pool))
        .handle((ab, error) -> step(ab + "c"));
  }

  void conversation() throws Exception {
    List<String> replies = new ArrayList<>();
    Weft.thread("conversation-1", () -> {
      replies.add(turn("hello"));
      replies.add(turn("again"));
    });
    String tagged = Weft.withAttributes(Map.of("user", "u-1"), () -> onPool("tagged"));
    System.out.println("conversation=" + replies + " " + tagged);
  }

  @Op
  String turn(String message) {
    return onPool(message);
  }

  private String onPool(String what) {
    try {
      return pool.submit(() -> step(what)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** remove(task) and shutdownNow() deal in the app's own tasks, even those queued inside a call. */
  @Op
  void identity() throws Exception {
    ThreadPoolExecutor single = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    CountDownLatch release = new CountDownLatch(1);
    single.execute(() -> await(release));
    Runnable first = () -> step("never");
    Runnable second = () -> step("never either");
    single.execute(first);
    single.execute(second);
    Future<?> future = single.submit(() -> step("nor this"));
    boolean removed = single.remove(first);
    List<Runnable> left = single.shutdownNow();
    release.countDown();
    single.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    System.out.println("identity removed=" + removed + " left=" + left.size() + " same=" + (left.get(0) == second)
        + "," + (left.get(1) == future) + " queue=" + single.getQueue().size());
    System.out.println("priority=" + byPriority());
  }

  /** Tasks queued in a priority queue are compared with each other, so they must stay the app's own. */
  private static List<Integer> byPriority() throws InterruptedException {
    ThreadPoolExecutor prioritized = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new java.util.concurrent.PriorityBlockingQueue<>());
    List<Integer> ran = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch release = new CountDownLatch(1);
    prioritized.execute(new Ranked(0, ran, release));
    prioritized.execute(new Ranked(2, ran, null));
    prioritized.execute(new Ranked(1, ran, null));
    release.countDown();
    prioritized.shutdown();
    prioritized.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    return ran;
  }

  @Op
  static String step(String name) {
    return name;
  }

  private static final class Ranked implements Runnable, Comparable<Ranked> {
    private final int rank;
    private final List<Integer> ran;
    private final CountDownLatch hold;

    Ranked(int rank, List<Integer> ran, CountDownLatch hold) {
      this.rank = rank;
      this.ran = ran;
      this.hold = hold;
    }

    @Override
    public void run() {
      if (hold != null) {
        await(hold);
      }
      ran.add(rank);
    }

    @Override
    public int compareTo(Ranked other) {
      return Integer.compare(rank, other.rank);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
