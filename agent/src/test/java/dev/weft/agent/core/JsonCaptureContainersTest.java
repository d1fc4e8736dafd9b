package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JsonCaptureContainersTest {
  private static final int MIB = 1_048_576;
  private final JsonCapture capture =
      new JsonCapture(CaptureLimits.defaults(), Redactor.defaults());

  @Test
  void collectionsAndObjectArraysAreJsonArrays() {
    assertThat(value(List.of(1, "a", List.of(true)))).isEqualTo("[1,\"a\",[true]]");
    assertThat(value(new TreeSet<>(List.of(3, 1, 2)))).isEqualTo("[1,2,3]");
    assertThat(value(new Object[] {null, 'c', new int[] {2}})).isEqualTo("[null,\"c\",[2]]");
    assertThat(value(Collections.emptyList())).isEqualTo("[]");
  }

  @Test
  void itemsBeyondMaxItemsBecomeOneMarkerElement() {
    JsonCapture three = withLimits(CaptureLimits.builder().setMaxItems(3));

    assertThat(three.value(List.of(1, 2, 3, 4, 5), MIB))
        .isEqualTo("[1,2,3,\"\u2026[2 more items]\"]");
    assertThat(three.value(new int[] {1, 2, 3, 4}, MIB))
        .isEqualTo("[1,2,3,\"\u2026[1 more items]\"]");
    assertThat(three.value(new String[] {"a", "b", "c"}, MIB)).isEqualTo("[\"a\",\"b\",\"c\"]");
  }

  @Test
  void aFiveMillionElementListStopsAtMaxItems() {
    List<Integer> big = new ArrayList<>(Collections.nCopies(5_000_000, 7));

    String json = value(big);

    assertThat(json).isEqualTo(
        "[" + "7,".repeat(1_000) + "\"\u2026[4999000 more items]\"]");
  }

  @Test
  void mapsAreObjectsWithKeysInIterationOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", List.of("x"));

    assertThat(value(map)).isEqualTo("{\"b\":1,\"a\":[\"x\"]}");
  }

  @Test
  void nonStringKeysUseTheirText() {
    assertThat(value(new TreeMap<>(Map.of(2, "two", 1, "one"))))
        .isEqualTo("{\"1\":\"one\",\"2\":\"two\"}");
    Map<JsonCaptureScalarsTest.Color, Integer> byEnum =
        new EnumMap<>(JsonCaptureScalarsTest.Color.class);
    byEnum.put(JsonCaptureScalarsTest.Color.GREEN, 1);
    assertThat(value(byEnum)).isEqualTo("{\"GREEN\":1}");
    assertThat(value(Map.of(new Key("k1"), true))).isEqualTo("{\"Key(k1)\":true}");
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, 0);
    assertThat(value(nullKey)).isEqualTo("{\"null\":0}");
  }

  @Test
  void entriesBeyondMaxItemsBecomeOneMarkerEntry() {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (String key : List.of("a", "b", "c", "d")) {
      map.put(key, map.size() + 1);
    }

    assertThat(withLimits(CaptureLimits.builder().setMaxItems(2)).value(map, MIB))
        .isEqualTo("{\"a\":1,\"b\":2,\"\u2026\":\"[2 more entries]\"}");
  }

  @Test
  void aListContainingItselfShowsACycleMarker() {
    List<Object> list = new ArrayList<>();
    list.add(1);
    list.add(list);

    assertThat(value(list)).isEqualTo("[1,\"<cycle: ArrayList>\"]");
  }

  @Test
  void aMapContainingItselfShowsACycleMarker() {
    Map<String, Object> map = new HashMap<>();
    map.put("self", map);

    assertThat(value(map)).isEqualTo("{\"self\":\"<cycle: HashMap>\"}");
    assertThat(capture.inputs(map, MIB)).isEqualTo("{\"self\":\"<cycle: HashMap>\"}");
  }

  @Test
  void theSameObjectTwiceOffThePathRendersTwice() {
    List<Integer> shared = List.of(1);

    assertThat(value(List.of(shared, shared))).isEqualTo("[[1],[1]]");
  }

  @Test
  void containersBelowMaxDepthBecomeAMarker() {
    JsonCapture depthTwo = withLimits(CaptureLimits.builder().setMaxDepth(2));

    assertThat(depthTwo.value(List.of(List.of(List.of(1)), 5), MIB))
        .isEqualTo("[[\"<max depth>\"],5]");
    assertThat(depthTwo.inputs(new String[] {"a"}, new Object[] {List.of(List.of(List.of()))}, MIB))
        .isEqualTo("{\"a\":[[\"<max depth>\"]]}");
  }

  @Test
  void defaultDepthAllowsSixteenNestedContainers() {
    Object nested = "leaf";
    for (int i = 0; i < 17; i++) {
      nested = List.of(nested);
    }

    assertThat(value(nested)).isEqualTo("[".repeat(16) + "\"<max depth>\"" + "]".repeat(16));
  }

  @Test
  void anIterableThatIsNotACollectionIsNeverIterated() {
    Endless endless = new Endless();

    String json = value(endless);

    assertThat(json).isEqualTo("\"Endless(iterated " + 0 + " times)\"");
    assertThat(endless.iterations.get()).isZero();
  }

  @Test
  void aFailingIteratorEndsTheArrayWithAnErrorMarker() {
    assertThat(value(new FailsAfterTwo())).isEqualTo(
        "[1,2,\"<error: ConcurrentModificationException: changed>\"]");
  }

  @Test
  void aFailingEntrySetBecomesAnErrorEntry() {
    Map<String, Object> broken = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        throw new IllegalStateException("nope");
      }
    };

    assertThat(value(broken)).isEqualTo("{\"<error>\":\"<error: IllegalStateException: nope>\"}");
  }

  @Test
  void aJdkMapEntryIsAKeyValueObjectWithItsValueRedactedByKey() {
    assertThat(value(Map.entry(1, List.of("a")))).isEqualTo("{\"key\":1,\"value\":[\"a\"]}");
    assertThat(value(new AbstractMap.SimpleEntry<>("api_key", "sk-1")))
        .isEqualTo("{\"key\":\"api_key\",\"value\":\"REDACTED\"}");
  }

  @Test
  void anAtomicReferenceRendersItsValueAndCanHoldItself() {
    AtomicReference<Object> ref = new AtomicReference<>(List.of(1));
    assertThat(value(ref)).isEqualTo("[1]");

    ref.set(ref);
    assertThat(value(ref)).isEqualTo("\"<cycle: AtomicReference>\"");
  }

  @Test
  void jdkObjectsWhoseToStringCopiesTheirContentAreLabelledByIdentity() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("content".getBytes(StandardCharsets.UTF_8));
    StringWriter writer = new StringWriter().append("content");
    BitSet bits = new BitSet();
    bits.set(0, 1000);

    assertThat(value(List.of(bytes, writer, bits))).isEqualTo(
        "[\"" + identity(bytes) + "\",\"" + identity(writer) + "\",\"" + identity(bits) + "\"]");
  }

  private static String identity(Object value) {
    return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
  }

  private String value(Object value) {
    return capture.value(value, MIB);
  }

  private static JsonCapture withLimits(CaptureLimits.Builder limits) {
    return new JsonCapture(limits.build(), Redactor.defaults());
  }

  record Key(String name) {
    @Override
    public String toString() {
      return "Key(" + name + ")";
    }
  }

  /** Infinite and stateful: iterating it would hang the capture. */
  static final class Endless implements Iterable<Integer> {
    final AtomicInteger iterations = new AtomicInteger();

    @Override
    public Iterator<Integer> iterator() {
      iterations.incrementAndGet();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Integer next() {
          return 1;
        }
      };
    }

    @Override
    public String toString() {
      return "Endless(iterated " + iterations.get() + " times)";
    }
  }

  static final class FailsAfterTwo extends AbstractCollection<Integer> {
    @Override
    public Iterator<Integer> iterator() {
      return new Iterator<>() {
        int next = 1;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Integer next() {
          if (next > 2) {
            throw new ConcurrentModificationException("changed");
          }
          return next++;
        }
      };
    }

    @Override
    public int size() {
      return 10;
    }
  }
}
