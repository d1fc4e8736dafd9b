package dev.weft.agent.core;

import dev.weft.agent.bootstrap.ApiBridge;
import dev.weft.agent.bootstrap.ContextBridge;
import dev.weft.agent.bootstrap.LlmBridge;
import dev.weft.agent.bootstrap.OpBridge;
import dev.weft.agent.instrumentation.HttpClientImplInstrumentation;
import dev.weft.agent.instrumentation.OkHttpInstrumentation;
import dev.weft.agent.instrumentation.OpInstrumentation;
import dev.weft.agent.instrumentation.concurrent.ConcurrencyInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;

/** Starts the tracing core; called by the launcher inside the agent's class loader. */
public final class AgentCore {
  private AgentCore() {}

  /**
   * Builds the export pipeline, installs the bridge handlers and the instrumentation. A bad OTLP
   * setting prints one line and leaves tracing off; the app runs either way.
   */
  public static void start(Object loadedSettings, Instrumentation inst, boolean late) {
    Settings settings = (Settings) loadedSettings;
    AgentLog.setDebug(settings.debug());
    Destination destination = new Destination(settings.traceUrl(), settings.traceUrlIsWandbCloud(),
        settings.projectOrNull());
    ExportPipeline pipeline;
    try {
      pipeline = ExportPipeline.create(settings, destination, System.getenv(), systemProperties());
    } catch (SettingsException e) {
      System.err.println(e.getMessage() + " (tracing is off)");
      return;
    }
    OpRegistry registry = new OpRegistry();
    Redactor redactor = Redactor.withExtraKeys(settings.redactKeys());
    JsonCapture capture = new JsonCapture(limits(settings), redactor);
    CallTracer tracer = new CallTracer(pipeline.tracer(), registry, capture, destination,
        settings.captureContent(), settings.captureMaxBytes(), settings.printCallLink(),
        !settings.exporter().equals("none") && !settings.exporter().equals("console"));
    OpBridge.install(tracer);
    ApiBridge.install(tracer);
    if (settings.llmEnabled()) {
      LlmBridge.install(new LlmTracer(pipeline.tracer(), settings.llmCalls(), redactor,
          settings.captureContent(), settings.captureMaxBytes(), settings.llmIncludeUsage()));
      OkHttpInstrumentation.install(inst, late);
    }
    ContextBridge.install(new ContextPropagation());
    ConcurrencyInstrumentation.install(inst);
    OpInstrumentation.install(inst, registry, settings.opsInclude(), late);
    if (settings.llmEnabled()) {
      HttpClientImplInstrumentation.install(inst);
    }
    pipeline.addShutdownHook();
    if (!settings.exporter().equals("none") && !settings.exporter().equals("console")) {
      AgentLog.info("tracing to " + destination.project() + " at " + describe(settings, destination));
    }
    if (settings.exporter().equals("weave") && settings.traceUrlIsWandbCloud() && settings.projectOrNull() == null) {
      AgentLog.warn("weft.project is not set; W&B Weave files traces under team/project: set weft.project"
          + " or call Weft.init(\"team/project\"), else they go to " + Destination.DEFAULT_PROJECT);
    }
  }

  private static String describe(Settings settings, Destination destination) {
    return settings.exporter().equals("otlp") ? "the OTLP endpoint" : destination.projectLink();
  }

  private static CaptureLimits limits(Settings settings) {
    return CaptureLimits.builder()
        .setMaxStringChars(settings.captureMaxString())
        .setMaxItems(settings.captureMaxItems())
        .setMaxPayloadBytes(settings.captureMaxBytes())
        .build();
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> out = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      out.put(name, System.getProperty(name));
    }
    return out;
  }
}
