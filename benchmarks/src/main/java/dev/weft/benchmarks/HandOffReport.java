package dev.weft.benchmarks;

import dev.weft.benchmarks.TracedCallRun.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hand-off table: per task, each configuration, and what each agent adds to no agent. */
final class HandOffReport {
  private static final Map<String, String> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put("submitOutsideCall", "`ExecutorService.submit`, outside any call");
    ROWS.put("submitInCall", "`ExecutorService.submit`, inside a call (context carried)");
    ROWS.put("virtualThreadStartOutsideCall", "`Thread.startVirtualThread`, outside any call");
    ROWS.put("virtualThreadStartInCall", "`Thread.startVirtualThread`, inside a call (context carried)");
  }

  private final List<Config> configs;

  HandOffReport(List<Config> configs) {
    this.configs = configs;
  }

  /** The feature release of the forks' JVM: {@code jvm} (a java launcher), or this one when null. */
  static int feature(String jvm) {
    if (jvm == null) {
      return Runtime.version().feature();
    }
    Path home = Path.of(jvm).toAbsolutePath().getParent().getParent();
    try {
      Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The benchmark methods the forks' JVM can run, as an include regex. */
  static String methods(int feature) {
    return feature >= 21 ? ".*" : "submit.*";
  }

  String render(Map<String, Map<String, Score>> scores, String settings, int feature) {
    StringBuilder out = new StringBuilder();
    out.append("\nHanding work to another thread, ns per task (").append(HandOffBenchmark.BATCH)
        .append(" tasks per invocation, then wait for all), JDK ").append(feature).append("; ").append(settings)
        .append(":\n\n");
    out.append("| hand-off, per task |");
    for (Config c : configs) {
      out.append(' ').append(c.name()).append(" |");
    }
    out.append(" Weft adds | OTel adds |\n|---|");
    out.append("---|".repeat(configs.size())).append("---|---|\n");
    for (Map.Entry<String, String> row : ROWS.entrySet()) {
      out.append("| ").append(row.getValue()).append(" |");
      for (Config c : configs) {
        Score s = scores.get(c.name()).get(row.getKey());
        out.append(' ').append(s == null ? "—" : Report.fmt(s.nsPerOp()) + " ± " + Report.fmt(s.error())).append(" |");
      }
      out.append(' ').append(added(scores, Config.WEFT, row.getKey())).append(" | ")
          .append(added(scores, Config.OTEL, row.getKey())).append(" |\n");
    }
    return out.toString();
  }

  private static String added(Map<String, Map<String, Score>> scores, String config, String method) {
    Map<String, Score> agent = scores.get(config);
    Map<String, Score> none = scores.get(Config.NONE);
    if (agent == null || none == null || agent.get(method) == null || none.get(method) == null) {
      return "—";
    }
    double d = agent.get(method).nsPerOp() - none.get(method).nsPerOp();
    double e = Math.hypot(agent.get(method).error(), none.get(method).error());
    return (d >= 0 ? "+" : "−") + Report.fmt(Math.abs(d)) + " ± " + Report.fmt(e) + " ns";
  }
}
