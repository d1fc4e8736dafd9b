package dev.weft.benchmarks;

import dev.weft.benchmarks.StartupRun.Stats;
import dev.weft.benchmarks.TracedCallRun.Score;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the measurements into markdown tables, each figure checked against its DESIGN.md target. */
final class Report {

  private final StringBuilder out = new StringBuilder();
  private final List<Config> configs;

  Report(List<Config> configs) {
    this.configs = configs;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** The summary: one row per DESIGN.md figure, Weft against OTel. */
  void summary(Map<String, Map<String, Score>> jmh, Map<String, Stats> startup) {
    line("| figure | Weft | OTel | Weft / OTel | target | verdict |");
    line("|---|---|---|---|---|---|");
    if (jmh != null) {
      overheadRow("overhead of one call, nothing captured (`@Op(captureInputs=false, captureOutput=false)` vs `@WithSpan`)",
          jmh, "nothing", 0.5);
      overheadRow("overhead of one call, 3 args + object return (`@Op` captures both as JSON; `@WithSpan` captures nothing)",
          jmh, "captured", 1.0);
    }
    if (startup != null) {
      Double weft = added(startup, Config.WEFT, Stats::medianMs);
      Double otel = added(startup, Config.OTEL, Stats::medianMs);
      row("start-up time added to hello world (median)", ms(weft), ms(otel), weft, otel, 0.15, "≤ 0.15×");
      weft = added(startup, Config.WEFT, Stats::medianRssKb);
      otel = added(startup, Config.OTEL, Stats::medianRssKb);
      row("peak RSS added to hello world (median)", addedMb(weft), addedMb(otel), weft, otel, 0.3, "≤ 0.3×");
    }
    Double weftJar = jarBytes(Config.WEFT);
    Double otelJar = jarBytes(Config.OTEL);
    row("agent jar size", mb(weftJar == null ? null : weftJar / 1024), mb(otelJar == null ? null : otelJar / 1024),
        weftJar, otelJar, 1.0 / 3, "≤ 1/3");
  }

  /** Every JMH score, per configuration. */
  void jmhDetail(Map<String, Map<String, Score>> jmh, String settings) {
    line("");
    line("JMH, ns/op (avgt) ± 99.9 % error; " + settings + ":");
    line("");
    header("benchmark");
    for (String method : TracedCallRun.methods()) {
      StringBuilder row = new StringBuilder("| `" + method + "` |");
      for (Config config : configs) {
        Score score = jmh.get(config.name()).get(method);
        row.append(' ').append(score == null ? "—" : fmt(score.nsPerOp()) + " ± " + fmt(score.error())).append(" |");
      }
      line(row.toString());
    }
    allocations(jmh);
  }

  /** Start-up detail per configuration. */
  void startupDetail(Map<String, Stats> startup, String settings) {
    line("");
    line("Hello-world JVM, " + settings + ":");
    line("");
    line("| configuration | wall median (ms) | wall p90 (ms) | peak RSS median (MB) | VmHWM at end of main, median (MB) |");
    line("|---|---|---|---|---|");
    startup.forEach((name, s) -> line("| " + name + " | " + fmt(s.medianMs()) + " | " + fmt(s.p90Ms()) + " | "
        + fmt(s.medianRssKb() / 1024) + " | " + fmt(s.medianHwmKb() / 1024) + " |"));
  }

  private void allocations(Map<String, Map<String, Score>> jmh) {
    String key = ":gc.alloc.rate.norm";
    if (jmh.values().stream().noneMatch(m -> m.keySet().stream().anyMatch(k -> k.endsWith(key)))) {
      return;
    }
    line("");
    line("Allocation per call (`-prof gc`, gc.alloc.rate.norm), B/op:");
    line("");
    header("benchmark");
    for (String method : TracedCallRun.methods()) {
      StringBuilder row = new StringBuilder("| `" + method + "` |");
      for (Config config : configs) {
        Score score = jmh.get(config.name()).get(method + key);
        row.append(' ').append(score == null ? "—" : fmt(score.nsPerOp())).append(" |");
      }
      line(row.toString());
    }
  }

  private void overheadRow(String figure, Map<String, Map<String, Score>> jmh, String shape, double target) {
    Score weft = overhead(jmh.get(Config.WEFT), shape + "Op", shape + "Plain");
    Score otel = overhead(jmh.get(Config.OTEL), shape + "WithSpan", shape + "Plain");
    row(figure, ns(weft), ns(otel), weft == null ? null : weft.nsPerOp(), otel == null ? null : otel.nsPerOp(),
        target, "≤ " + (target == 1.0 ? "1" : String.valueOf(target)) + "× `@WithSpan`");
  }

  /** traced − plain in the same JVM; the errors add in quadrature. */
  private static Score overhead(Map<String, Score> scores, String traced, String plain) {
    if (scores == null || scores.get(traced) == null || scores.get(plain) == null) {
      return null;
    }
    Score t = scores.get(traced);
    Score p = scores.get(plain);
    return new Score(t.nsPerOp() - p.nsPerOp(), Math.hypot(t.error(), p.error()));
  }

  private void row(String figure, String weftText, String otelText, Double weft, Double otel, double target,
      String targetText) {
    String ratio = weft == null || otel == null || otel <= 0 ? "—" : fmt2(weft / otel) + "×";
    String verdict = weft == null || otel == null ? "not measured"
        : otel <= 0 ? "n/a (OTel figure ≤ 0)" : weft / otel <= target ? "**met**" : "**not met**";
    line("| " + figure + " | " + weftText + " | " + otelText + " | " + ratio + " | " + targetText + " | "
        + verdict + " |");
  }

  private Double added(Map<String, Stats> startup, String name, java.util.function.ToDoubleFunction<Stats> f) {
    Stats base = startup.get(Config.NONE);
    Stats agent = startup.get(name);
    return base == null || agent == null ? null : f.applyAsDouble(agent) - f.applyAsDouble(base);
  }

  private Double jarBytes(String name) {
    return configs.stream().filter(c -> c.name().equals(name) && c.available())
        .map(c -> (double) c.jarBytes()).findFirst().orElse(null);
  }

  private void header(String first) {
    StringBuilder names = new StringBuilder("| " + first + " |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Config config : configs) {
      names.append(' ').append(config.name()).append(" |");
      rule.append("---|");
    }
    line(names.toString());
    line(rule.toString());
  }

  private static String ns(Score s) {
    return s == null ? "—" : signed(s.nsPerOp()) + " ± " + fmt(s.error()) + " ns";
  }

  private static String ms(Double v) {
    return v == null ? "—" : signed(v) + " ms";
  }

  private static String addedMb(Double kb) {
    return kb == null ? "—" : signed(kb / 1024) + " MB";
  }

  private static String signed(double v) {
    return (v >= 0 ? "+" : "−") + fmt(Math.abs(v));
  }

  private static String mb(Double kb) {
    return kb == null ? "—" : fmt(kb / 1024) + " MB";
  }

  static String fmt(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
