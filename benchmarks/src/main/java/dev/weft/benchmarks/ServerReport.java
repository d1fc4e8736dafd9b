package dev.weft.benchmarks;

import java.util.List;
import java.util.Locale;

/** The markdown tables of a {@link ServerRun}, with DESIGN.md's targets next to the figures. */
final class ServerReport {

  static final double INGEST_TARGET = 50_000;
  static final double P95_TARGET_MS = 100;

  private ServerReport() {}

  static String render(ServerRun.Settings settings, List<ServerRun.StoreResult> results) {
    StringBuilder text = new StringBuilder();
    text.append("Server: `java ").append(String.join(" ", settings.jvmArgs()))
        .append(settings.jvmArgs().isEmpty() ? "" : " ").append("-jar ")
        .append(settings.serverJar().getFileName()).append(" --port 0 …`; ")
        .append(SpanStream.BATCH).append(" spans per request (traces of ")
        .append(SpanStream.SPANS_PER_TRACE).append(" spans, 3 with model and usage), ")
        .append(settings.threads()).append(" client threads.\n\n");
    text.append("| store | figure | measured | target | verdict | load average (1 min) during |\n");
    text.append("|---|---|---|---|---|---|\n");
    for (ServerRun.StoreResult r : results) {
      IngestLoad.Result in = r.ingest();
      text.append(row(r.store(), "ingest, fresh store (" + number(in.spans()) + " spans after "
          + number((long) settings.warmupRequests() * SpanStream.BATCH) + " warm-up)",
          number(Math.round(in.spansPerSecond())) + " spans/s", "≥ 50k spans/s",
          in.spansPerSecond() >= INGEST_TARGET, r.ingestLoad()));
      if (r.fill() != null) {
        text.append(row(r.store(), "ingest while filling to " + number(r.stored()) + " calls (client"
            + " builds requests while sending)", number(Math.round(r.fill().spansPerSecond()))
            + " spans/s", "—", null, r.fillLoad()));
      }
      for (QueryLoad.Result q : r.queries()) {
        text.append(row(r.store(), q.name() + ", p95 at " + number(r.stored()) + " calls",
            ms(q.p95()) + " ms", "≤ 100 ms", q.p95() <= P95_TARGET_MS, r.queryLoad()));
      }
    }
    text.append("\nDetail:\n\n");
    text.append("| store | ingest | spans | requests | seconds | spans/s | server CPU s | server CPU µs"
        + " per span | client CPU s |\n");
    text.append("|---|---|---|---|---|---|---|---|---|\n");
    for (ServerRun.StoreResult r : results) {
      text.append(ingestRow(r.store(), "fresh store", r.ingest()));
      if (r.fill() != null) {
        text.append(ingestRow(r.store(), "filling to " + number(r.stored()), r.fill()));
      }
    }
    text.append("\n| store | list request (").append(results.isEmpty() ? 0 : results.get(0).queries()
        .get(0).requests()).append(" each, after ").append(settings.queryWarmups())
        .append(" warm-up rounds) | matched | p50 ms | p95 ms | p99 ms | max ms |\n");
    text.append("|---|---|---|---|---|---|---|\n");
    for (ServerRun.StoreResult r : results) {
      for (QueryLoad.Result q : r.queries()) {
        text.append("| ").append(r.store()).append(" | `").append(q.query()).append("` | ")
            .append(number(q.total())).append(" (").append(q.rows()).append(" rows) | ")
            .append(ms(q.p50())).append(" | ").append(ms(q.p95())).append(" | ").append(ms(q.p99()))
            .append(" | ").append(ms(q.max())).append(" |\n");
      }
    }
    text.append('\n');
    for (ServerRun.StoreResult r : results) {
      text.append("- ").append(r.store()).append(": ").append(r.detail()).append("; server RSS after")
          .append(" the queries ").append(String.format(Locale.ROOT, "%.0f", r.serverRssMb()))
          .append(" MB; load average (1, 5, 15 min) ingest ").append(r.ingestLoad())
          .append(r.fill() == null ? "" : ", fill " + r.fillLoad()).append(", queries ")
          .append(r.queryLoad()).append('\n');
    }
    return text.toString();
  }

  private static String row(String store, String figure, String measured, String target,
      Boolean met, String load) {
    String verdict = met == null ? "—" : met ? "**met**" : "**not met**";
    return "| " + store + " | " + figure + " | " + measured + " | " + target + " | " + verdict
        + " | " + load.split(",")[0] + " → " + load.split("→ ")[1].split(",")[0] + " |\n";
  }

  private static String ingestRow(String store, String what, IngestLoad.Result in) {
    return "| " + store + " | " + what + " | " + number(in.spans()) + " | " + in.requests() + " | "
        + String.format(Locale.ROOT, "%.2f", in.seconds()) + " | "
        + number(Math.round(in.spansPerSecond())) + " | "
        + String.format(Locale.ROOT, "%.1f", in.serverCpuSeconds()) + " | "
        + String.format(Locale.ROOT, "%.0f", in.serverCpuSeconds() * 1e6 / in.spans()) + " | "
        + String.format(Locale.ROOT, "%.1f", in.clientCpuSeconds()) + " |\n";
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String ms(double ms) {
    return ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
  }
}
