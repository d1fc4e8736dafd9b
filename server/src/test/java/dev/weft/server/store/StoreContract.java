package dev.weft.server.store;

import static dev.weft.server.store.Calls.call;
import static dev.weft.server.store.Calls.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour, the same on every database it runs on. */
abstract class StoreContract {

  // root ─┬─ plan (gpt: 10+5, $0.001)
  //       └─ act ── llm (gpt: 100+20, $0.01; llama: 7+3, no price)
  static final List<CallRecord> TREE = List.of(
      call("000000000000000a", null, 0, Map.of()),
      call("000000000000000b", "000000000000000a", 1, Map.of("gpt", tokens(10, 5, 0.001))),
      call("000000000000000c", "000000000000000a", 2, Map.of()),
      call("000000000000000d", "000000000000000c", 3,
          Map.of("gpt", tokens(100, 20, 0.01), "llama", tokens(7, 3, null))));

  @TempDir Path dir;
  String url;
  JdbcStore store;

  /** Returns the URL of a new, empty database. */
  abstract String newDatabase(Path dir);

  @BeforeEach
  void open() throws SQLException {
    url = newDatabase(dir);
    store = JdbcStore.open(url);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void everyAncestorCarriesTheUsageOfItsDescendantsPerModel() throws SQLException {
    store.insert(TREE);

    assertRolledUp();
  }

  @Test
  void rollUpsAreTheSameWhateverOrderTheCallsArriveIn() throws SQLException {
    List<CallRecord> calls = new ArrayList<>(TREE);
    Collections.reverse(calls);
    store.insert(calls.subList(0, 1));
    store.insert(calls.subList(1, 4));

    assertRolledUp();
  }

  @Test
  void rollUpsAreTheSameForShuffledArrivalsOneCallAtATime() throws SQLException {
    for (int seed = 0; seed < 6; seed++) {
      store.close();
      store = JdbcStore.open(newDatabase(dir.resolve("s" + seed)));
      List<CallRecord> calls = new ArrayList<>(TREE);
      Collections.shuffle(calls, new Random(seed));
      for (CallRecord call : calls) {
        store.insert(List.of(call));
      }
      assertRolledUp();
    }
  }

  @Test
  void aCallStoredTwiceIsCountedOnce() throws SQLException {
    store.insert(TREE);
    JdbcStore.InsertResult again = store.insert(TREE.subList(1, 4));

    assertThat(again).isEqualTo(new JdbcStore.InsertResult(0, 3));
    assertRolledUp();
  }

  @Test
  void aParentLinkClosingACycleIsIgnoredForRollUps() throws SQLException {
    store.insert(List.of(call("00000000000000e1", "00000000000000e2", 0, Map.of("gpt", tokens(1, 1, null))),
        call("00000000000000e2", "00000000000000e1", 1, Map.of("gpt", tokens(2, 2, null)))));

    assertThat(store.call("team/proj", "00000000000000e1").rolledTokens()).isEqualTo(2);
    assertThat(store.call("team/proj", "00000000000000e2").rolledTokens()).isEqualTo(4);
  }

  @Test
  void aParentInAnotherTraceIsNotAnAncestor() throws SQLException {
    store.insert(List.of(call("team/proj", "11111111111111111111111111111111", "00000000000000f1", null, 0, Map.of()),
        call("team/proj", "22222222222222222222222222222222", "00000000000000f2", "00000000000000f1", 1,
            Map.of("gpt", tokens(1, 1, null)))));

    assertThat(store.call("team/proj", "00000000000000f1").rolledTokens()).isZero();
  }

  @Test
  void aFailingInsertStoresNothing() throws SQLException {
    CallRecord broken = new CallRecord("team/proj", "0000000000000009", Calls.TRACE, null, null, null, null,
        "success", 1, 2, null, null, null, TREE.get(0).inputs(), null, TREE.get(0).attributes(), null, Map.of(),
        TREE.get(0).otel());
    List<CallRecord> calls = new ArrayList<>(TREE);
    calls.add(broken);

    assertThatThrownBy(() -> store.insert(calls)).isInstanceOf(SQLException.class);

    assertThat(store.count("SELECT COUNT(*) FROM calls")).isZero();
    assertThat(store.count("SELECT COUNT(*) FROM rollups")).isZero();
    assertThat(store.count("SELECT COUNT(*) FROM call_usage")).isZero();
    assertThat(store.projects()).isEmpty();
  }

  @Test
  void concurrentWritersNeverMissEachOthersRollUps() throws Exception {
    List<CallRecord> chain = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      chain.add(call(String.format("%016x", 0x1000 + i), i == 0 ? null : String.format("%016x", 0x1000 + i - 1), i,
          Map.of("gpt", tokens(1, 1, null))));
    }
    Collections.shuffle(chain, new Random(7));
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (CallRecord call : chain) {
        done.add(writers.submit(() -> {
          go.await();
          return store.insert(List.of(call));
        }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }

    for (int i = 0; i < 24; i++) {
      assertThat(store.call("team/proj", String.format("%016x", 0x1000 + i)).rolledTokens()).as("call " + i)
          .isEqualTo(2L * (24 - i));
    }
  }

  @Test
  void retentionDeletesOldCallsWithTheirUsageAndRecountsProjectsAndOps() throws SQLException {
    store.insert(TREE);
    store.insert(List.of(call("team/proj", "33333333333333333333333333333333", "00000000000000aa", null, 864_000_000L,
        Map.of("gpt", tokens(4, 4, null)))));

    long deleted = store.deleteStartedBefore(Calls.BASE + 86_400_000_000_000L);

    assertThat(deleted).isEqualTo(4);
    assertThat(store.calls("team/proj", CallQuery.all()).calls()).extracting(c -> c.call().id())
        .containsExactly("00000000000000aa");
    assertThat(store.projects()).containsExactly(new ProjectSummary("team/proj", 1, 1, Calls.BASE + 864_000_000L * 1_000_000L));
    assertThat(store.opNames("team/proj")).containsExactly("op.00000000000000aa");
    assertThat(store.count("SELECT COUNT(*) FROM rollups")).isEqualTo(1);
    assertThat(store.count("SELECT COUNT(*) FROM call_usage")).isEqualTo(1);
  }

  @Test
  void theSchemaIsVersionedAndReopeningKeepsTheData() throws SQLException {
    store.insert(TREE);
    store.close();

    store = JdbcStore.open(url);

    assertThat(store.schemaVersion()).isEqualTo(3);
    assertThat(store.count("SELECT COUNT(*) FROM schema_version")).isEqualTo(3);
    assertRolledUp();
  }

  @Test
  void aDatabaseWithANewerSchemaIsRefused() throws SQLException {
    store.close();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)");
    }

    assertThatThrownBy(() -> JdbcStore.open(url)).isInstanceOf(SQLException.class)
        .hasMessage("the database schema is at version 99, newer than this server knows (3); use a newer weft-server");
    store = JdbcStore.open(newDatabase(dir.resolve("fresh")));
  }

  @Test
  void rollUpsStoredBeforeVersion3AreKept() throws Exception {
    store.close();
    url = newDatabase(Files.createDirectories(dir.resolve("v2")));
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      assertThat(new Migrations(Dialect.of(url)).migrate(connection, 2)).isEqualTo(2);
      statement.execute("INSERT INTO calls (project, id, trace_id, op_name, status, started_at,"
          + " ended_at, latency_ns, inputs, attributes, otel, rolled_tokens, rolled_cost, ingested_at)"
          + " VALUES ('team/proj', '000000000000000a', '" + Calls.TRACE + "', 'op', 'success', 1, 2, 1,"
          + " '{}', '{}', '{}', 3, 0.5, 0)");
      statement.execute("INSERT INTO rollups (project, call_id, trace_id, model, started_at,"
          + " prompt_tokens, completion_tokens, total_tokens, requests, cost) VALUES ('team/proj',"
          + " '000000000000000a', '" + Calls.TRACE + "', 'gpt', 1, 1, 2, 3, 1, 0.5)");
      statement.execute("INSERT INTO ops (project, op_name, call_count, last_call_at)"
          + " VALUES ('team/proj', 'op', 1, 1)");
    }

    store = JdbcStore.open(url);

    assertThat(store.schemaVersion()).isEqualTo(3);
    assertThat(store.calls("team/proj", byOp("op", true)).total()).isEqualTo(1);
    assertThat(store.call("team/proj", "000000000000000a").rollup())
        .containsExactly(Map.entry("gpt", new Usage(1, 2, 3, 1, 0.5)));
    store.insert(List.of(call("000000000000000b", "000000000000000a", 1, Map.of("gpt", tokens(10, 5, 0.25)))));
    assertThat(store.call("team/proj", "000000000000000a").rollup())
        .containsExactly(Map.entry("gpt", new Usage(11, 7, 18, 2, 0.75)));
  }

  @Test
  void anOpFilterCountsTheOpsCallsOrTraces() throws SQLException {
    store.insert(TREE);
    store.insert(List.of(call("team/proj", "22222222222222222222222222222222", "00000000000000f1",
        null, 5, Map.of())));

    assertThat(store.calls("team/proj", byOp("op.000000000000000a", true)).total()).isEqualTo(1);
    assertThat(store.calls("team/proj", byOp("op.000000000000000a", false)).total()).isEqualTo(1);
    assertThat(store.calls("team/proj", byOp("op.000000000000000b", true)).total()).isZero();
    assertThat(store.calls("team/proj", byOp("op.000000000000000b", false)).total()).isEqualTo(1);
    assertThat(store.calls("team/proj", byOp("op.none", true)).total()).isZero();
    assertThat(store.calls("team/proj", byOp("op.00000000000000f1", true)).calls()).hasSize(1);
  }

  static CallQuery byOp(String op, boolean roots) {
    return new CallQuery(op, null, roots, null, null, null, null, null, CallQuery.Sort.STARTED_AT,
        true, 10, 0);
  }

  void assertRolledUp() throws SQLException {
    StoredCall root = store.call("team/proj", "000000000000000a");
    assertThat(root.rollup()).containsExactly(
        Map.entry("gpt", new Usage(110, 25, 135, 2, 0.011)),
        Map.entry("llama", new Usage(7, 3, 10, 1, null)));
    assertThat(root.rolledTokens()).isEqualTo(145);
    assertThat(root.rolledCost()).isEqualTo(0.011);
    assertThat(store.call("team/proj", "000000000000000b").rollup())
        .containsExactly(Map.entry("gpt", new Usage(10, 5, 15, 1, 0.001)));
    assertThat(store.call("team/proj", "000000000000000c").rollup()).containsExactly(
        Map.entry("gpt", new Usage(100, 20, 120, 1, 0.01)), Map.entry("llama", new Usage(7, 3, 10, 1, null)));
    assertThat(store.call("team/proj", "000000000000000d").call().usage()).containsExactly(
        Map.entry("gpt", new Usage(100, 20, 120, 1, 0.01)), Map.entry("llama", new Usage(7, 3, 10, 1, null)));
    CallPage roots = store.calls("team/proj", new CallQuery(null, null, true, null, null, null, null, null,
        CallQuery.Sort.STARTED_AT, true, 10, 0));
    assertThat(roots.calls()).extracting(c -> c.call().id(), StoredCall::rolledTokens, StoredCall::rolledCost)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("000000000000000a", 145L, 0.011));
  }
}
