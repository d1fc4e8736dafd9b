package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class JsonCaptureObjectsTest {
  private static final int MIB = 1_048_576;
  private final JsonCapture capture =
      new JsonCapture(CaptureLimits.defaults(), Redactor.defaults());

  @Test
  void beansRenderGettersAndPublicFieldsSortedByName() {
    assertThat(value(new PublicBean()))
        .isEqualTo("{\"URL\":\"u\",\"active\":true,\"count\":3,\"name\":\"n\",\"note\":\"hi\"}");
  }

  @Test
  void inheritedGettersAreIncluded() {
    assertThat(value(new Child())).isEqualTo("{\"age\":4,\"id\":\"p-1\"}");
  }

  @Test
  void aPrivateNestedBeanIsReadThroughItsPublicGetters() {
    assertThat(value(new PrivateBean("t"))).isEqualTo("{\"title\":\"t\"}");
  }

  @Test
  void aGetterThatThrowsGivesAnErrorMarkerForThatPropertyOnly() {
    assertThat(value(new Throwing())).isEqualTo(
        "{\"boom\":\"<error: IllegalStateException: kaput>\","
            + "\"memory\":\"<error: OutOfMemoryError: simulated>\","
            + "\"ok\":\"fine\","
            + "\"recursive\":\"<error: StackOverflowError>\"}");
  }

  @Test
  void aBeanReachableFromItselfShowsACycleMarker() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;

    assertThat(value(a)).isEqualTo(
        "{\"name\":\"a\",\"next\":{\"name\":\"b\",\"next\":\"<cycle: Node>\"}}");
  }

  @Test
  void aBeanSharedByTwoPropertiesRendersTwice() {
    Node leaf = new Node("leaf");

    assertThat(value(List.of(leaf, Map.of("again", leaf)))).isEqualTo(
        "[{\"name\":\"leaf\",\"next\":null},{\"again\":{\"name\":\"leaf\",\"next\":null}}]");
  }

  @Test
  void recordsRenderComponentsInDeclarationOrder() {
    assertThat(value(new Point(3, "p", List.of(new Point(4, null, List.of())))))
        .isEqualTo("{\"x\":3,\"label\":\"p\",\"children\":"
            + "[{\"x\":4,\"label\":null,\"children\":[]}]}");
  }

  @Test
  void throwablesRenderTypeAndMessage() {
    assertThat(value(new IllegalArgumentException("bad input")))
        .isEqualTo("{\"type\":\"java.lang.IllegalArgumentException\",\"message\":\"bad input\"}");
    assertThat(value(new RuntimeException()))
        .isEqualTo("{\"type\":\"java.lang.RuntimeException\",\"message\":null}");
  }

  @Test
  void aProxyIsLabelledWithoutInvokingItsHandler() {
    AtomicInteger calls = new AtomicInteger();
    Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Supplier.class, List.class}, (p, method, args) -> {
          calls.incrementAndGet();
          throw new AssertionError("handler called: " + method);
        });

    String json = value(proxy);

    assertThat(json).isEqualTo("\"" + identity(proxy) + "\"");
    assertThat(calls.get()).isZero();
  }

  @Test
  void aLambdaIsLabelledByIdentity() {
    Runnable lambda = () -> { };

    assertThat(value(lambda)).isEqualTo("\"" + identity(lambda) + "\"");
  }

  @Test
  void otherJdkObjectsUseTheirToString() {
    assertThat(value(new StringJoiner(",").add("a").add("b"))).isEqualTo("\"a,b\"");
    Object plain = new Object();
    assertThat(value(plain)).isEqualTo("\"" + identity(plain) + "\"");
  }

  @Test
  void objectsWithoutPropertiesUseAShortToString() {
    assertThat(value(new Labelled("Labelled!"))).isEqualTo("\"Labelled!\"");
    assertThat(value(new Labelled("y".repeat(500))))
        .isEqualTo("\"" + "y".repeat(200) + "\u2026[truncated 300 chars]\"");
  }

  @Test
  void aThrowingOrNullToStringFallsBackToTheIdentityLabel() {
    Labelled throwing = new Labelled(null);

    assertThat(value(throwing)).isEqualTo("\"" + identity(throwing) + "\"");
  }

  @Test
  void resourcesAreNotIntrospectedBecauseTheirGettersDoIo() {
    Resource resource = new Resource();

    assertThat(value(resource)).isEqualTo("\"Resource(open)\"");
    assertThat(resource.getterCalls.get()).isZero();
  }

  private String value(Object value) {
    return capture.value(value, MIB);
  }

  private static String identity(Object value) {
    return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
  }

  public static class PublicBean {
    public String note = "hi";
    public static String shared = "static fields are not state";

    public String getName() {
      return "n";
    }

    public boolean isActive() {
      return true;
    }

    public int getCount() {
      return 3;
    }

    public String getURL() {
      return "u";
    }

    public String getWith(int argument) {
      return "not a getter";
    }

    public void getNothing() {}

    public String getaway() {
      return "not a property";
    }

    public static String getStatic() {
      return "not state";
    }

    public void setName(String name) {
      throw new AssertionError("setters are never called");
    }
  }

  public static class Parent {
    public String getId() {
      return "p-1";
    }
  }

  public static class Child extends Parent {
    public int getAge() {
      return 4;
    }
  }

  private static final class PrivateBean {
    private final String title;

    private PrivateBean(String title) {
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }

  public static class Throwing {
    public String getBoom() {
      throw new IllegalStateException("kaput");
    }

    public String getOk() {
      return "fine";
    }

    public int getRecursive() {
      return getRecursive() + 1;
    }

    public String getMemory() {
      throw new OutOfMemoryError("simulated");
    }
  }

  public static class Node {
    private final String name;
    Node next;

    Node(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public Node getNext() {
      return next;
    }
  }

  record Point(int x, String label, List<Point> children) {}

  static final class Labelled {
    private final String label;

    Labelled(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      if (label == null) {
        throw new IllegalStateException("no label");
      }
      return label;
    }
  }

  public static class Resource implements AutoCloseable {
    final AtomicInteger getterCalls = new AtomicInteger();

    public String getConnection() {
      getterCalls.incrementAndGet();
      return "opened a connection";
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "Resource(open)";
    }
  }
}
