package dev.weft.benchmarks;

import dev.weft.benchmarks.StartupRun.Stats;
import dev.weft.benchmarks.TracedCallRun.Score;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every Weft-vs-OpenTelemetry measurement and prints one markdown report.
 *
 * <pre>
 * java -jar benchmarks/target/weft-benchmarks.jar [--quick]
 *     [--jmh-only | --startup-only | --hand-off-only | --llm-only] [--no-hand-off] [--no-llm] [--jvm PATH]
 *     [--forks N] [--warmups N] [--iterations N] [--runs N] [--startup-warmups N]
 *     [--prof gc]... [--include REGEX]
 *     [--configs none,weft,otel] [--weft-agent PATH] [--otel-agent PATH] [--out FILE]
 *     [--server | --server-only] [--server-jar PATH] [--server-stores sqlite,postgresql]
 *     [--server-requests N] [--server-warmup-requests N] [--server-threads N] [--server-calls N]
 *     [--server-queries N] [--server-query-warmups N] [--server-keep DIR] [--server-jvm-arg ARG]...
 * </pre>
 *
 * Must itself run without any {@code -javaagent}: JMH forks inherit this JVM's arguments.
 */
public final class RunAll {

  private int forks = 2;
  private int warmups = 8;
  private int iterations = 5;
  private int runs = 10;
  private int startupWarmups = 2;
  private boolean jmh = true;
  private boolean startup = true;
  private boolean handOff = true;
  private boolean llm = true;
  /** The java launcher of the JMH forks; null: this JVM's. Virtual threads need 21+. */
  private String jvm;
  private boolean server;
  private Path serverJar;
  private final List<String> serverJvmArgs = new ArrayList<>();
  private List<String> serverStores = List.of(ServerRun.SQLITE, ServerRun.POSTGRESQL);
  private int serverRequests = 400;
  private int serverWarmupRequests = 100;
  private int serverThreads = 4;
  private long serverCalls = 1_000_000;
  private int serverQueries = 200;
  private int serverQueryWarmups = 20;
  private Path serverKeep;
  private final List<String> profilers = new ArrayList<>();
  private Path weftAgent;
  private Path otelAgent;
  private Path out;
  private String include;
  private List<String> only = List.of(Config.NONE, Config.WEFT, Config.OTEL);

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    RunAll run = new RunAll();
    run.defaults();
    try {
      run.parse(args);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      System.err.println("bad arguments: " + e.getMessage());
      System.exit(2);
    }
    System.out.print(run.execute());
  }

  private String execute() throws Exception {
    if (!jmh && !startup && !handOff && !llm) {
      return write("\n## Local server — " + header() + "\n\n" + serverReport());
    }
    List<Config> configs = configs();
    String before = loadAverage();
    TracedCallRun jmhRun = new TracedCallRun(forks, warmups, iterations, profilers, include);
    StartupRun startupRun = new StartupRun(startupWarmups, runs, System.getProperty("java.class.path"));
    int handOffJava = HandOffReport.feature(jvm);
    TracedCallRun handOffRun = new TracedCallRun(HandOffBenchmark.class, jvm, forks, warmups, iterations, profilers,
        HandOffReport.methods(handOffJava));
    Map<String, Map<String, Score>> scores = jmh ? jmhRun.run(configs) : null;
    Map<String, Map<String, Score>> handOffScores = handOff ? handOffRun.run(configs) : null;
    LlmCallRun llmRun = new LlmCallRun(jvm, forks, warmups, iterations, profilers);
    List<Config> llmConfigs = LlmCallRun.configs(configs);
    Map<String, Map<String, Score>> llmScores = llm ? llmRun.run(llmConfigs) : null;
    Map<String, Stats> stats = startup ? startupRun.run(configs) : null;
    String serverReport = server ? serverReport() : "";

    Report report = new Report(configs);
    report.summary(scores, stats);
    if (scores != null) {
      report.jmhDetail(scores, jmhRun.settings());
    }
    if (stats != null) {
      report.startupDetail(stats, startupRun.settings());
    }
    String handOffText = handOffScores == null ? ""
        : new HandOffReport(configs).render(handOffScores, handOffRun.settings(), handOffJava);
    String llmText = llmScores == null ? ""
        : "\nModel calls over OkHttp 4.12 to a loopback stand-in, µs per call:\n\n"
            + new LlmCallReport(llmConfigs).render(llmScores, llmRun.settings());
    String text = "\n## Weft vs OpenTelemetry agent — " + header() + "\n\n"
        + "Load average (1, 5, 15 min) before: " + before + ", after: " + loadAverage() + "\n\n"
        + report + handOffText + llmText + agentOutput(stats)
        + (server ? "\n## Local server\n\n" + serverReport : "");
    return write(text);
  }

  private static String header() {
    return LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + Runtime.version();
  }

  private String write(String text) throws java.io.IOException {
    if (out != null) {
      Files.writeString(out, text);
    }
    return text;
  }

  private String serverReport() throws Exception {
    ServerRun.Settings settings = new ServerRun.Settings(serverJar, List.copyOf(serverJvmArgs),
        serverStores, serverWarmupRequests, serverRequests, serverThreads, serverCalls,
        serverQueryWarmups, serverQueries, serverKeep);
    return ServerReport.render(settings, new ServerRun(settings).run());
  }

  private List<Config> configs() {
    List<Config> configs = new ArrayList<>();
    for (Config agent : List.of(Config.none(), Config.weft(weftAgent), Config.otel(otelAgent))) {
      if (!only.contains(agent.name())) {
        continue;
      }
      if (agent.available()) {
        configs.add(agent);
      } else {
        System.out.println("# WARNING: " + agent.name() + " agent not found at " + agent.agentJar() + "; skipped");
      }
    }
    return configs;
  }

  /** Other work on the machine skews every figure; the report says how busy it was. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** What each hello-world JVM printed besides its own line, so agent start-up errors show. */
  private static String agentOutput(Map<String, Stats> stats) {
    if (stats == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    stats.forEach((name, s) -> {
      String extra = s.firstOutput().lines()
          .filter(l -> !l.startsWith("Hello, world") && !l.startsWith("VmHWM_KB="))
          .reduce("", (a, b) -> a + "    " + b + "\n");
      if (!extra.isEmpty()) {
        text.append("\nOutput of the hello-world JVM under ").append(name).append(":\n\n").append(extra);
      }
    });
    return text.toString();
  }

  /** Agents next to this jar: target/agents/ for OTel, ../agent/target/ for Weft. */
  private void defaults() throws URISyntaxException {
    Path location = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = location.getParent();
    otelAgent = target.resolve("agents/opentelemetry-javaagent.jar");
    weftAgent = target.resolve("../../agent/target/weft-agent.jar").normalize();
    serverJar = target.resolve("../../server/target/weft-server.jar").normalize();
  }

  /** "none,weft,otel" (any subset) to the configuration names. */
  private static List<String> configNames(String list) {
    List<String> names = new ArrayList<>();
    for (String name : list.split(",")) {
      switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "none" -> names.add(Config.NONE);
        case "weft" -> names.add(Config.WEFT);
        case "otel" -> names.add(Config.OTEL);
        default -> throw new IllegalArgumentException("--configs takes none, weft, otel; not " + name);
      }
    }
    return names;
  }

  private static List<String> storeNames(String list) {
    List<String> names = new ArrayList<>();
    for (String name : list.split(",")) {
      String store = name.trim().toLowerCase(java.util.Locale.ROOT);
      if (!store.equals(ServerRun.SQLITE) && !store.equals(ServerRun.POSTGRESQL)) {
        throw new IllegalArgumentException("--server-stores takes sqlite, postgresql; not " + name);
      }
      names.add(store);
    }
    return names;
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick" -> { // a smoke test: the agents' paths are not warmed up yet
          forks = 1;
          warmups = 2;
          iterations = 3;
          runs = 5;
          startupWarmups = 1;
        }
        case "--jmh-only" -> {
          startup = false;
          handOff = false;
          llm = false;
        }
        case "--startup-only" -> {
          jmh = false;
          handOff = false;
          llm = false;
        }
        case "--hand-off-only" -> {
          jmh = false;
          startup = false;
          llm = false;
        }
        case "--llm-only" -> {
          jmh = false;
          startup = false;
          handOff = false;
        }
        case "--no-hand-off" -> handOff = false;
        case "--no-llm" -> llm = false;
        case "--jvm" -> jvm = args[++i];
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--startup-warmups" -> startupWarmups = Integer.parseInt(args[++i]);
        case "--prof" -> profilers.add(args[++i]);
        case "--include" -> include = args[++i];
        case "--weft-agent" -> weftAgent = Path.of(args[++i]);
        case "--otel-agent" -> otelAgent = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--configs" -> only = configNames(args[++i]);
        case "--server" -> server = true;
        case "--server-only" -> {
          server = true;
          jmh = false;
          startup = false;
          handOff = false;
          llm = false;
        }
        case "--server-jar" -> serverJar = Path.of(args[++i]);
        case "--server-jvm-arg" -> serverJvmArgs.add(args[++i]);
        case "--server-stores" -> serverStores = storeNames(args[++i]);
        case "--server-requests" -> serverRequests = Integer.parseInt(args[++i]);
        case "--server-warmup-requests" -> serverWarmupRequests = Integer.parseInt(args[++i]);
        case "--server-threads" -> serverThreads = Integer.parseInt(args[++i]);
        case "--server-calls" -> serverCalls = Long.parseLong(args[++i]);
        case "--server-queries" -> serverQueries = Integer.parseInt(args[++i]);
        case "--server-query-warmups" -> serverQueryWarmups = Integer.parseInt(args[++i]);
        case "--server-keep" -> serverKeep = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument: " + arg
            + " (see the javadoc of " + RunAll.class.getName() + " or benchmarks/README.md)");
      }
    }
  }
}
