package dev.weft.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The local trace server as a user runs it ({@code java -jar weft-server.jar}, a separate process on
 * loopback): (a) ingest rate into a fresh store, after warm-up requests; (b) the traces table's list
 * requests with {@link Settings#storedCalls} calls stored. Once for the embedded SQLite store, once
 * for a throwaway PostgreSQL cluster ({@code --db}).
 */
final class ServerRun {

  static final String SQLITE = "sqlite";
  static final String POSTGRESQL = "postgresql";

  /** What to run; see {@link RunAll} for the flags that set each. */
  record Settings(Path serverJar, List<String> jvmArgs, List<String> stores, int warmupRequests,
      int requests, int threads, long storedCalls, int queryWarmups, int queries, Path keepDir) {}

  /** The figures of one store. */
  record StoreResult(String store, String detail, IngestLoad.Result ingest, String ingestLoad,
      IngestLoad.Result fill, String fillLoad, long stored, List<QueryLoad.Result> queries,
      String queryLoad, double serverRssMb) {}

  private final Settings settings;

  ServerRun(Settings settings) {
    this.settings = settings;
  }

  List<StoreResult> run() throws Exception {
    if (!Files.isRegularFile(settings.serverJar())) {
      throw new IOException("missing " + settings.serverJar()
          + "; build first: mvn -B -pl server,benchmarks -am package -DskipTests");
    }
    List<StoreResult> results = new ArrayList<>();
    for (String store : settings.stores()) {
      if (store.equals(POSTGRESQL) && !PostgresProcess.installed()) {
        System.out.println("# WARNING: PostgreSQL not installed; its run is skipped");
        continue;
      }
      results.add(store.equals(SQLITE) ? sqlite() : postgresql());
    }
    return results;
  }

  private StoreResult sqlite() throws Exception {
    Path fresh = Files.createTempDirectory("weft-bench-server-");
    try {
      List<String> args = List.of("--data-dir", fresh.toString());
      Phase ingest = ingestRate(args);
      Path queryDir = settings.keepDir() != null ? settings.keepDir() : fresh;
      Phase query = storedAndQueried(List.of("--data-dir", queryDir.toString()));
      String detail = "SQLite file " + (settings.keepDir() != null
          ? "kept in " + settings.keepDir() + " (reused across runs)" : "in a fresh temp dir");
      return result(SQLITE, detail, ingest, query);
    } finally {
      deleteTree(fresh);
    }
  }

  private StoreResult postgresql() throws Exception {
    try (PostgresProcess cluster = PostgresProcess.start()) {
      List<String> args = List.of("--db", cluster.jdbcUrl());
      Phase ingest = ingestRate(args);
      Phase query = storedAndQueried(args);
      return result(POSTGRESQL, "PostgreSQL " + cluster.version()
          + " (throwaway cluster, default settings; the server's sessions set synchronous_commit off)",
          ingest, query);
    }
  }

  private static StoreResult result(String store, String detail, Phase ingest, Phase query) {
    return new StoreResult(store, detail, ingest.ingest, ingest.load, query.ingest, query.fillLoad,
        query.stored, query.queries, query.load, query.rssMb);
  }

  // A fresh store: warm-up requests, then the measured ones, built before the clock starts.
  private Phase ingestRate(List<String> storeArgs) throws Exception {
    Phase phase = new Phase();
    SpanStream stream = stream(settings.warmupRequests() + settings.requests());
    try (ServerProcess server = ServerProcess.start(settings.serverJar(), settings.jvmArgs(), storeArgs)) {
      IngestLoad load = new IngestLoad(server.baseUrl(), settings.threads());
      System.out.println("# ingest warm-up: " + settings.warmupRequests() + " requests");
      load.send(server, 0, settings.warmupRequests(), k -> stream.request(k).toByteArray());
      byte[][] bodies = new byte[settings.requests()][];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] = stream.request(settings.warmupRequests() + i).toByteArray();
      }
      System.out.println("# ingest: " + settings.requests() + " requests of " + SpanStream.BATCH
          + " spans, " + settings.threads() + " client threads");
      String before = RunAll.loadAverage();
      phase.ingest = load.send(server, 0, bodies.length, k -> bodies[(int) k]);
      phase.load = before + " → " + RunAll.loadAverage();
      long expected = (long) (settings.warmupRequests() + settings.requests()) * SpanStream.BATCH;
      long stored = new QueryLoad(server.baseUrl(), SpanStream.PROJECT).storedCalls();
      if (stored != expected) {
        throw new IllegalStateException("sent " + expected + " spans, the server lists " + stored + " calls");
      }
    }
    return phase;
  }

  // Fills the store up to storedCalls (if it holds fewer), restarts the server, times the lists.
  private Phase storedAndQueried(List<String> storeArgs) throws Exception {
    Phase phase = new Phase();
    try (ServerProcess server = ServerProcess.start(settings.serverJar(), settings.jvmArgs(), storeArgs)) {
      long stored = new QueryLoad(server.baseUrl(), SpanStream.PROJECT).storedCalls();
      long missing = settings.storedCalls() - Math.max(stored, 0);
      if (missing > 0) {
        int requests = (int) ((missing + SpanStream.BATCH - 1) / SpanStream.BATCH);
        System.out.println("# filling the store: " + stored + " calls stored, sending " + requests
            + " more requests (built by the client threads while sending)");
        SpanStream stream = stream(requests);
        String before = RunAll.loadAverage();
        phase.ingest = new IngestLoad(server.baseUrl(), settings.threads())
            .send(server, 0, requests, k -> stream.request(k).toByteArray());
        phase.fillLoad = before + " → " + RunAll.loadAverage();
      }
    }
    try (ServerProcess server = ServerProcess.start(settings.serverJar(), settings.jvmArgs(), storeArgs)) {
      QueryLoad queries = new QueryLoad(server.baseUrl(), SpanStream.PROJECT);
      phase.stored = queries.storedCalls();
      System.out.println("# queries: " + phase.stored + " calls stored; " + settings.queryWarmups()
          + " warm-up rounds, then " + settings.queries() + " of each list request");
      String before = RunAll.loadAverage();
      phase.queries = queries.run(QueryLoad.traceListQueries(), settings.queryWarmups(), settings.queries());
      phase.load = before + " → " + RunAll.loadAverage();
      phase.rssMb = server.rssMb();
    }
    return phase;
  }

  // Traces spaced 50 ms apart, the last ending about now; ids unique per run (random seed).
  private static SpanStream stream(long requests) {
    long traces = requests * SpanStream.BATCH / SpanStream.SPANS_PER_TRACE + 1;
    long start = System.currentTimeMillis() * 1_000_000L - traces * 50_000_000L;
    return new SpanStream(ThreadLocalRandom.current().nextLong(1, 1 << 19), start);
  }

  static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("# cannot delete " + root + ": " + e.getMessage());
    }
  }

  private static final class Phase {
    IngestLoad.Result ingest;
    String load;
    String fillLoad;
    long stored;
    List<QueryLoad.Result> queries;
    double rssMb;
  }
}
