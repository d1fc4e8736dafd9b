package dev.weft.agent.it.app;

import dev.weft.Kind;
import dev.weft.Op;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * For each way of running work on another thread named on the command line: an {@code @Op} parent whose
 * two children run there, side by side (they wait for each other, so they really are on two threads);
 * then, outside any call, one more child on the same pool, whose threads were started inside the parent.
 * JDK 21+ APIs are reached by reflection: this class compiles for Java 17.
 */
public final class FanOutApp {
  private static final Thread MAIN = Thread.currentThread();
  private static final long WAIT_SECONDS = 30;

  private ExecutorService pool;
  private ForkJoinPool forkJoin;

  public static void main(String[] args) throws Exception {
    FanOutApp app = new FanOutApp();
    for (String mechanism : args) {
      app.parent(mechanism);
      app.fanOut(mechanism, new int[] {9}, null);
      app.close();
      System.out.println(mechanism + " done");
    }
  }

  @Op(kind = Kind.AGENT)
  String parent(String mechanism) throws Exception {
    return fanOut(mechanism, new int[] {0, 1}, new CountDownLatch(2));
  }

  @Op(kind = Kind.TOOL)
  static String child(String mechanism, int index) {
    return Thread.currentThread() == MAIN ? "main" : "other";
  }

  /** Runs child(mechanism, i) for each index on the mechanism; returns what the children returned. */
  String fanOut(String mechanism, int[] indexes, CountDownLatch meet) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i : indexes) {
      tasks.add(() -> work(mechanism, i, meet));
    }
    List<String> results = run(mechanism, tasks);
    return String.join(",", results);
  }

  private List<String> run(String mechanism, List<Callable<String>> tasks) throws Exception {
    switch (mechanism) {
      case "thread-pool-submit":
        return all(submitAll(pool(Executors.newFixedThreadPool(2)), tasks));
      case "thread-pool-execute":
        return executeAll(pool(Executors.newFixedThreadPool(2)), tasks);
      case "thread-pool-invoke-all":
        return all(pool(Executors.newCachedThreadPool()).invokeAll(tasks));
      case "scheduled-thread-pool":
        return scheduleAll((ScheduledExecutorService) pool(Executors.newScheduledThreadPool(2)), tasks);
      case "fork-join-pool-submit":
        return all(submitAll(forkJoin(new ForkJoinPool(2)), tasks));
      case "fork-join-pool-execute":
        return executeAll(forkJoin(new ForkJoinPool(2)), tasks);
      case "fork-join-task":
        return forkAll(forkJoin(new ForkJoinPool(2)), tasks);
      case "common-pool":
        return all(submitAll(ForkJoinPool.commonPool(), tasks));
      case "parallel-stream":
        return tasks.parallelStream().map(FanOutApp::call).collect(Collectors.toList());
      case "completable-future-async":
        return supplyAll(tasks);
      case "completable-future-then-async":
        return thenAsyncAll(tasks);
      case "new-thread":
        return threads(tasks, null);
      case "virtual-thread-executor":
        return all(submitAll(pool((ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
            .invoke(null)), tasks));
      case "thread-of-virtual":
        return threads(tasks, "ofVirtual");
      case "start-virtual-thread":
        return threads(tasks, "startVirtualThread");
      case "structured-task-scope":
        return structured(tasks);
      default:
        throw new IllegalArgumentException(mechanism);
    }
  }

  private static String work(String mechanism, int index, CountDownLatch meet) throws InterruptedException {
    String where = child(mechanism, index);
    if (meet != null) {
      meet.countDown();
      if (!meet.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        return where + "/alone";
      }
    }
    return where;
  }

  private ExecutorService pool(ExecutorService fresh) {
    if (pool == null) {
      pool = fresh; // made inside the parent call: its threads start there
    } else {
      fresh.shutdownNow();
    }
    return pool;
  }

  private ForkJoinPool forkJoin(ForkJoinPool fresh) {
    if (forkJoin == null) {
      forkJoin = fresh;
    } else {
      fresh.shutdownNow();
    }
    return forkJoin;
  }

  private void close() throws InterruptedException {
    for (ExecutorService e : new ExecutorService[] {pool, forkJoin}) {
      if (e != null) {
        e.shutdown();
        e.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
      }
    }
    pool = null;
    forkJoin = null;
  }

  private static List<Future<String>> submitAll(ExecutorService executor, List<Callable<String>> tasks) {
    List<Future<String>> futures = new ArrayList<>();
    for (Callable<String> task : tasks) {
      futures.add(executor.submit(task));
    }
    return futures;
  }

  private static List<String> executeAll(ExecutorService executor, List<Callable<String>> tasks) {
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (Callable<String> task : tasks) {
      CompletableFuture<String> result = new CompletableFuture<>();
      executor.execute(() -> complete(result, task));
      results.add(result);
    }
    return joinAll(results);
  }

  private static List<String> scheduleAll(ScheduledExecutorService executor, List<Callable<String>> tasks)
      throws Exception {
    List<Future<String>> futures = new ArrayList<>();
    for (Callable<String> task : tasks) {
      futures.add(executor.schedule(task, 10, TimeUnit.MILLISECONDS));
    }
    return all(futures);
  }

  /** One fork/join task, run by the pool, forks the others (invokeAll forks all but the first). */
  private static List<String> forkAll(ForkJoinPool executor, List<Callable<String>> tasks) {
    List<ForkJoinTask<String>> subtasks = new ArrayList<>();
    for (Callable<String> task : tasks) {
      subtasks.add(ForkJoinTask.adapt(task));
    }
    executor.invoke(new RecursiveAction() {
      @Override
      protected void compute() {
        ForkJoinTask.invokeAll(subtasks);
      }
    });
    return subtasks.stream().map(ForkJoinTask::join).collect(Collectors.toList());
  }

  private static List<String> supplyAll(List<Callable<String>> tasks) {
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (Callable<String> task : tasks) {
      results.add(CompletableFuture.supplyAsync(() -> call(task)));
    }
    return joinAll(results);
  }

  /**
   * Async stages made here, fired later by a thread that was started outside any call: the stage, not
   * the thread that completes its source, decides the parent.
   */
  private static List<String> thenAsyncAll(List<Callable<String>> tasks) throws InterruptedException {
    CompletableFuture<String> gate = new CompletableFuture<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (Callable<String> task : tasks) {
      results.add(gate.thenApplyAsync(ignored -> call(task)));
    }
    OUTSIDE.complete(gate);
    return joinAll(results);
  }

  private static List<String> threads(List<Callable<String>> tasks, String virtual) throws Exception {
    List<CompletableFuture<String>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (Callable<String> task : tasks) {
      CompletableFuture<String> result = new CompletableFuture<>();
      Runnable body = () -> complete(result, task);
      if (virtual == null) {
        Thread t = new Thread(body);
        t.start();
        threads.add(t);
      } else if (virtual.equals("ofVirtual")) {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        threads.add((Thread) start.invoke(builder, body));
      } else {
        threads.add((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body));
      }
      results.add(result);
    }
    for (Thread t : threads) {
      t.join();
    }
    return joinAll(results);
  }

  /** JDK 25's StructuredTaskScope (a preview API: run with --enable-preview). */
  private static List<String> structured(List<Callable<String>> tasks) throws Exception {
    Class<?> scopeType = Class.forName("java.util.concurrent.StructuredTaskScope");
    Class<?> subtaskType = Class.forName("java.util.concurrent.StructuredTaskScope$Subtask");
    try (AutoCloseable scope = (AutoCloseable) scopeType.getMethod("open").invoke(null)) {
      List<Object> subtasks = new ArrayList<>();
      for (Callable<String> task : tasks) {
        subtasks.add(scopeType.getMethod("fork", Callable.class).invoke(scope, task));
      }
      scopeType.getMethod("join").invoke(scope);
      List<String> results = new ArrayList<>();
      for (Object subtask : subtasks) {
        results.add((String) subtaskType.getMethod("get").invoke(subtask));
      }
      return results;
    }
  }

  private static List<String> all(List<Future<String>> futures) throws Exception {
    List<String> results = new ArrayList<>();
    for (Future<String> f : futures) {
      results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    return results;
  }

  private static List<String> joinAll(List<CompletableFuture<String>> results) {
    return results.stream().map(r -> r.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join()).collect(Collectors.toList());
  }

  private static void complete(CompletableFuture<String> result, Callable<String> task) {
    try {
      result.complete(task.call());
    } catch (Exception e) {
      result.completeExceptionally(e);
    }
  }

  private static String call(Callable<String> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A thread started before any call, which completes futures on request. */
  private static final Outside OUTSIDE = new Outside();

  private static final class Outside {
    private final java.util.concurrent.BlockingQueue<CompletableFuture<String>> queue =
        new java.util.concurrent.LinkedBlockingQueue<>();

    Outside() {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            queue.take().complete("go");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "outside");
      t.setDaemon(true);
      t.start();
    }

    void complete(CompletableFuture<String> future) {
      queue.add(future);
    }
  }
}
