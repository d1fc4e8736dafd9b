package dev.weft.agent.core;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spans from end to backend: the OpenTelemetry SDK with a bounded {@link BatchSpanProcessor} (the app
 * thread only enqueues; a full queue drops, never blocks), the chosen exporter, delivery counting, and
 * a flush bounded by {@code weft.flush.timeout} when the JVM exits.
 */
final class ExportPipeline {
  private static final String INSTRUMENTATION_NAME = "dev.weft.agent";

  private final SdkTracerProvider provider;
  private final DeliveryStats stats;
  private final Duration flushTimeout;

  private ExportPipeline(SdkTracerProvider provider, DeliveryStats stats, Duration flushTimeout) {
    this.provider = provider;
    this.stats = stats;
    this.flushTimeout = flushTimeout;
  }

  static ExportPipeline create(Settings settings, Destination destination, Map<String, String> env,
      Map<String, String> properties) {
    String exporterName = settings.exporter();
    SpanExporter exporter;
    String where;
    switch (exporterName) {
      case "otlp":
        exporter = new OtlpEnvironment(env, properties).exporter(settings.exportTimeout());
        where = "OTLP endpoint";
        break;
      case "console":
        exporter = new ConsoleSpanExporter(System.err);
        where = "console";
        break;
      case "none":
        exporter = SpanExporter.composite();
        where = "nowhere";
        break;
      default:
        exporter = new WeaveProjectExporter(destination, settings.apiKeyOrNull(), settings.exportTimeout());
        where = destination.traceUrl();
    }
    DeliveryStats stats = new DeliveryStats(where);
    SpanProcessor batch = BatchSpanProcessor.builder(new CountingSpanExporter(exporter, stats))
        .setMaxQueueSize(settings.exportQueueSize() + 1024)
        .setMaxExportBatchSize(512)
        .setScheduleDelay(Duration.ofMillis(500))
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault())
        .setSampler(Sampler.parentBased(rootSampler(settings.sampleRate())))
        .addSpanProcessor(new Admission(stats, batch, settings.exportQueueSize()))
        .build();
    return new ExportPipeline(provider, stats, settings.flushTimeout());
  }

  /** Ratio sampling only when it decides anything: at 1 or 0 the constant samplers cost less per call. */
  private static Sampler rootSampler(double rate) {
    if (rate >= 1.0) {
      return Sampler.alwaysOn();
    }
    return rate <= 0.0 ? Sampler.alwaysOff() : Sampler.traceIdRatioBased(rate);
  }

  Tracer tracer() {
    return provider.get(INSTRUMENTATION_NAME);
  }

  /** Flushes what is queued within the flush timeout and says what could not be delivered. */
  void shutdown() {
    CompletableResultCode result = provider.shutdown();
    result.join(flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
    String report = stats.exitReport(flushTimeout.toMillis());
    if (report != null) {
      AgentLog.warnAtExit(report);
    }
  }

  void addShutdownHook() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "weft-flush"));
  }

  /**
   * Counts sampled spans as they end and admits them to the batch processor only while fewer than
   * {@code limit} are queued or being exported; the rest are dropped here, counted and reported. The
   * batch processor's own queue is larger, so it never drops (or logs) anything itself.
   */
  private static final class Admission implements SpanProcessor {
    private final DeliveryStats stats;
    private final SpanProcessor batch;
    private final long limit;

    Admission(DeliveryStats stats, SpanProcessor batch, long limit) {
      this.stats = stats;
      this.batch = batch;
      this.limit = limit;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (!span.getSpanContext().isSampled()) {
        return;
      }
      stats.ended.increment();
      if (stats.pending.incrementAndGet() > limit) {
        stats.pending.decrementAndGet();
        stats.queueFull();
        return;
      }
      batch.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return batch.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return batch.forceFlush();
    }
  }
}
