package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** With no agent installed every entry point runs the user's code and traces nothing. */
class WeftWithoutAgentTest {

  @Test
  void opRunsTheBodyAndReturnsItsValue() {
    assertThat(Weft.op("add", Map.of("a", 1), () -> 1 + 2)).isEqualTo(3);
    assertThat(Weft.op("kinded", Kind.TOOL, Map.of(), () -> "x")).isEqualTo("x");
  }

  @Test
  void opPassesExceptionsThroughUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> Weft.op("fails", () -> {
      throw boom;
    })).isSameAs(boom);
  }

  @Test
  void callPassesCheckedExceptionsThroughUnchanged() {
    IOException io = new IOException("io");
    assertThatThrownBy(() -> Weft.call("io", () -> {
      throw io;
    })).isSameAs(io);
  }

  @Test
  void runRunsTheBodyOnce() {
    AtomicInteger runs = new AtomicInteger();
    Weft.run("count", runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }

  @Test
  void thereIsNoCurrentCallAndNothingIsActive() {
    assertThat(Weft.isActive()).isFalse();
    assertThat(Weft.currentCall()).isSameAs(Call.none());
    assertThat(Weft.currentCall().isValid()).isFalse();
    assertThat(Weft.currentCall().id()).isEmpty();
  }

  @Test
  void attributeScopesOpenAndCloseAsNoOps() {
    try (Weft.Scope scope = Weft.attributes(Map.of("env", "test"))) {
      assertThat(Weft.op("inner", () -> "ok")).isEqualTo("ok");
      scope.close();
    }
  }

  @Test
  void threadAndAttributeBlocksRunTheirBodyAndReturnItsValue() {
    AtomicInteger runs = new AtomicInteger();
    assertThat(Weft.thread("conversation-1", () -> "reply")).isEqualTo("reply");
    Weft.thread("conversation-1", (Runnable) runs::incrementAndGet);
    assertThat(Weft.withAttributes(Map.of("env", "test"), () -> 7)).isEqualTo(7);
    Weft.withAttributes(Map.of("env", "test"), (Runnable) runs::incrementAndGet);
    assertThat(runs).hasValue(2);
  }

  @Test
  void nullArgumentsFailFastWithTheirName() {
    assertThatThrownBy(() -> Weft.op("x", null)).isInstanceOf(NullPointerException.class).hasMessage("body");
    assertThatThrownBy(() -> Weft.attributes(null)).isInstanceOf(NullPointerException.class).hasMessage("attributes");
    assertThatThrownBy(() -> Weft.thread(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("threadId");
  }
}
