package dev.weft.benchmarks;

import dev.weft.Weft;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Handing work to another thread: {@code ExecutorService.submit} to a one-thread pool and
 * {@code Thread.startVirtualThread} (JDK 21+), {@value #BATCH} tasks per invocation then waiting for all
 * of them, so the figure is per task and includes running it. Each comes outside any call (what the
 * agent adds to untraced work: one read of the current context) and inside one (the context is carried:
 * a wrapper, and making the context current around the task). "Inside a call" is a {@code Weft.attributes}
 * scope for Weft and a current span made with the OpenTelemetry API for the OTel agent; each agent sees
 * only its own, and without an agent both are inert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandOffBenchmark {
  static final int BATCH = 100;

  private ExecutorService pool;
  private MethodHandle startVirtualThread;

  @Setup(Level.Trial)
  public void start() throws ReflectiveOperationException {
    pool = Executors.newFixedThreadPool(1);
    if (Runtime.version().feature() >= 21) {
      startVirtualThread = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
          MethodType.methodType(Thread.class, Runnable.class));
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    pool.shutdownNow();
  }

  /** A call in progress on the benchmark thread, for the {@code InCall} methods. */
  @State(Scope.Thread)
  public static class InCall {
    private Weft.Scope weft;
    private Span span;
    private io.opentelemetry.context.Scope otel;

    @Setup(Level.Iteration)
    public void enter() {
      weft = Weft.attributes(Map.of("benchmark", "hand-off"));
      span = GlobalOpenTelemetry.getTracer("weft-benchmarks").spanBuilder("hand-off").startSpan();
      otel = span.makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void exit() {
      otel.close();
      span.end();
      weft.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void submitOutsideCall() throws InterruptedException {
    submitBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void submitInCall(InCall call) throws InterruptedException {
    submitBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void virtualThreadStartOutsideCall() throws Throwable {
    startBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void virtualThreadStartInCall(InCall call) throws Throwable {
    startBatch();
  }

  private void submitBatch() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(BATCH);
    Runnable task = done::countDown;
    for (int i = 0; i < BATCH; i++) {
      pool.submit(task);
    }
    done.await();
  }

  private void startBatch() throws Throwable {
    if (startVirtualThread == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21+; run with --jvm");
    }
    CountDownLatch done = new CountDownLatch(BATCH);
    Runnable task = done::countDown;
    for (int i = 0; i < BATCH; i++) {
      Thread started = (Thread) startVirtualThread.invokeExact(task);
    }
    done.await();
  }
}
