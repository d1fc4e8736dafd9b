package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonToken;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonCaptureBudgetTest {
  private static final int MIB = 1_048_576;
  private final JsonCapture capture =
      new JsonCapture(CaptureLimits.defaults(), Redactor.defaults());

  @Test
  void anOverBudgetValueIsReRenderedWithTighterCaps() {
    List<String> strings = Collections.nCopies(500, "a".repeat(500));

    String json = capture.value(strings, 20_000);

    String item = "\"" + "a".repeat(128) + "\u2026[truncated 372 chars]\",";
    assertThat(json).isEqualTo("[" + item.repeat(10) + "\"\u2026[490 more items]\"]");
  }

  @Test
  void inputsThatFitNoAttemptBecomeATruncationObject() {
    Object big = Collections.nCopies(20, "b".repeat(100));

    String json = capture.inputs(new String[] {"a", "b"}, new Object[] {big, big}, 60);

    assertThat(json).isEqualTo("{\"_weft_truncated\":\"inputs over 60 bytes\"}");
  }

  @Test
  void aValueThatFitsNoAttemptBecomesATruncationObject() {
    assertThat(capture.value("c".repeat(1_000), 60))
        .isEqualTo("{\"_weft_truncated\":\"value over 60 bytes\"}");
  }

  @Test
  void aBudgetTooSmallForTheTruncationObjectGivesAnEmptyObject() {
    assertThat(capture.inputs(new String[] {"a"}, new Object[] {"x".repeat(100)}, 10))
        .isEqualTo("{}");
    assertThat(capture.value("x".repeat(100), 0)).isEqualTo("{}");
    assertThat(capture.value(null, -1)).isEqualTo("{}");
    assertThat(capture.inputs(new String[0], new Object[0], 2)).isEqualTo("{}");
  }

  @Test
  void theBudgetIsNeverAboveMaxPayloadBytes() {
    JsonCapture small = new JsonCapture(
        CaptureLimits.builder().setMaxPayloadBytes(100).build(), Redactor.defaults());

    assertThat(small.value("x".repeat(200), MIB))
        .isEqualTo("{\"_weft_truncated\":\"value over 100 bytes\"}");
    assertThat(small.value("fits", MIB)).isEqualTo("\"fits\"");
  }

  @Test
  void resultsAreValidJsonWithinEveryBudget() {
    Object[] values = {nastyGraph(), "d".repeat(3_000), List.of(1, 2), Double.NaN};
    for (int budget : new int[] {2, 5, 30, 50, 100, 300, 1_000, 5_000, 50_000, MIB}) {
      String inputs = capture.inputs(new String[] {"graph", "text"}, values, budget);
      String value = capture.value(values[0], budget);

      assertThat(JsonAssertions.assertValidJson(inputs)).isEqualTo(JsonToken.START_OBJECT);
      JsonAssertions.assertValidJson(value);
      assertThat(JsonAssertions.utf8Length(inputs)).as("inputs at %d", budget)
          .isLessThanOrEqualTo(Math.max(2, budget));
      assertThat(JsonAssertions.utf8Length(value)).as("value at %d", budget)
          .isLessThanOrEqualTo(Math.max(2, budget));
    }
  }

  @Test
  void missingParameterNamesBecomeArgIndexes() {
    Object[] values = {1, 2, 3};

    assertThat(capture.inputs(null, values, MIB)).isEqualTo("{\"arg0\":1,\"arg1\":2,\"arg2\":3}");
    assertThat(capture.inputs(new String[] {"a", null}, values, MIB))
        .isEqualTo("{\"a\":1,\"arg1\":2,\"arg2\":3}");
    assertThat(capture.inputs(new String[] {"a", "b", "c", "d"}, new Object[] {1}, MIB))
        .isEqualTo("{\"a\":1}");
    assertThat(capture.inputs(new String[] {"a"}, null, MIB)).isEqualTo("{}");
    assertThat(capture.inputs((Map<String, ?>) null, MIB)).isEqualTo("{}");
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        results.add(pool.submit(() -> capture.inputs(
            new String[] {"n", "graph"}, new Object[] {n, nastyGraph()}, MIB)));
      }
      String expectedGraph = capture.value(nastyGraph(), MIB);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS))
            .isEqualTo("{\"n\":" + i + ",\"graph\":" + expectedGraph + "}");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void capturingThreeSmallArgumentsDoesNotAllocateAbsurdly() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled());
    String[] names = {"model", "prompt", "temperature"};
    Object[] values = {"gpt-4o", "Say hello in French.", 0.2};
    for (int i = 0; i < 5_000; i++) {
      capture.inputs(names, values, MIB);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000; i++) {
      capture.inputs(names, values, MIB);
    }
    long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 1_000;

    // The budget is 1 MiB; a small capture must not pay for it (nor for Jackson's 8 KiB buffers).
    assertThat(perCall).isLessThan(8 * 1024);
  }

  /** Secrets, a cycle, a throwing getter, a record and a long string, all in one graph. */
  private static Object nastyGraph() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("token", "t-123");
    root.put("self", root);
    root.put("broken", new JsonCaptureObjectsTest.Throwing());
    root.put("items", Collections.nCopies(50, new Item("item", List.of(1.5, Double.NaN))));
    root.put("text", "\u00e9\uD83D\uDE00".repeat(400));
    return root;
  }

  record Item(String name, List<Double> scores) {}
}
