package dev.weft.benchmarks;

import dev.weft.benchmarks.TracedCallRun.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model-call tables: each figure without an agent and with Weft, what Weft adds (µs, errors in
 * quadrature) and the ratio, checked against DESIGN.md where it sets a target; then every score.
 */
final class LlmCallReport {
  private static final double TTFT_TARGET = 1.02;
  private static final Map<String, String> FIGURES = new LinkedHashMap<>();

  static {
    FIGURES.put("chat1k", "non-streaming chat call, 1 KB request + 1 KB reply, whole call");
    FIGURES.put("chat100k", "non-streaming chat call, 100 KB request + 100 KB reply, whole call");
    FIGURES.put("streamFirstChunk", "time to first streamed chunk (`execute()` to first `data:` line)");
    FIGURES.put("streamWhole", "streamed call read to its end (" + LlmBodies.STREAM_EVENTS + " events, no pauses)");
  }

  private final List<Config> configs;
  private final StringBuilder out = new StringBuilder();

  LlmCallReport(List<Config> configs) {
    this.configs = configs;
  }

  String render(Map<String, Map<String, Score>> scores, String settings) {
    line("| figure | no agent | Weft | added | ratio | target | verdict |");
    line("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, String> figure : FIGURES.entrySet()) {
      boolean streamed = figure.getKey().startsWith("stream");
      row(figure.getValue() + (streamed ? ", usage asked for (default)" : ""), scores, Config.WEFT, figure.getKey());
      if (streamed) {
        row(figure.getValue() + ", `llm.include.usage=false`", scores, Config.WEFT_NO_USAGE, figure.getKey());
      }
    }
    line("");
    line("JMH, µs per call (avgt) ± 99.9 % error" + (hasAllocation(scores) ? "; allocated B per call (`gc.alloc.rate.norm`)" : "")
        + "; " + settings + ":");
    line("");
    detail(scores);
    return out.toString();
  }

  private void row(String label, Map<String, Map<String, Score>> scores, String agent, String method) {
    Score none = score(scores, Config.NONE, method);
    Score weft = score(scores, agent, method);
    if (none == null || weft == null) {
      return;
    }
    double added = weft.nsPerOp() - none.nsPerOp();
    double ratio = weft.nsPerOp() / none.nsPerOp();
    boolean ttft = method.equals("streamFirstChunk");
    line("| " + label + " | " + us(none) + " | " + us(weft) + " | " + (added >= 0 ? "+" : "−")
        + Report.fmt(Math.abs(added) / 1000) + " ± " + Report.fmt(Math.hypot(none.error(), weft.error()) / 1000)
        + " µs | " + String.format(Locale.ROOT, "%.2f×", ratio) + " | " + (ttft ? "≤ 1.02× no agent" : "—") + " | "
        + (ttft ? (ratio <= TTFT_TARGET ? "**met**" : "**not met**") : "—") + " |");
  }

  private void detail(Map<String, Map<String, Score>> scores) {
    StringBuilder header = new StringBuilder("| benchmark |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Config c : configs) {
      header.append(' ').append(c.name()).append(" |");
      rule.append("---|");
    }
    line(header.toString());
    line(rule.toString());
    for (String method : FIGURES.keySet()) {
      StringBuilder row = new StringBuilder("| `" + method + "` |");
      for (Config c : configs) {
        Score s = score(scores, c.name(), method);
        Score alloc = allocation(scores, c.name(), method);
        row.append(' ').append(s == null ? "—" : us(s)).append(alloc == null ? "" : "; " + Report.fmt(alloc.nsPerOp()) + " B")
            .append(" |");
      }
      line(row.toString());
    }
  }

  private static Score score(Map<String, Map<String, Score>> scores, String config, String method) {
    Map<String, Score> byMethod = scores.get(config);
    return byMethod == null ? null : byMethod.get(method);
  }

  private static Score allocation(Map<String, Map<String, Score>> scores, String config, String method) {
    Score s = score(scores, config, method + ":gc.alloc.rate.norm");
    return s != null ? s : score(scores, config, method + ":·gc.alloc.rate.norm");
  }

  private boolean hasAllocation(Map<String, Map<String, Score>> scores) {
    for (Config c : configs) {
      for (String method : FIGURES.keySet()) {
        if (allocation(scores, c.name(), method) != null) {
          return true;
        }
      }
    }
    return false;
  }

  private static String us(Score s) {
    return Report.fmt(s.nsPerOp() / 1000) + " ± " + Report.fmt(s.error() / 1000);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
