package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaptureLimitsTest {

  @Test
  void defaultsKeepASpanWellUnderWeavesRowLimit() {
    CaptureLimits limits = CaptureLimits.defaults();

    assertThat(limits.getMaxStringChars()).isEqualTo(16_384);
    assertThat(limits.getMaxItems()).isEqualTo(1_000);
    assertThat(limits.getMaxDepth()).isEqualTo(16);
    assertThat(limits.getMaxPayloadBytes()).isEqualTo(1_048_576);
    assertThat(limits).hasToString("CaptureLimits{maxStringChars=16384, maxItems=1000, "
        + "maxDepth=16, maxPayloadBytes=1048576}");
  }

  @Test
  void builderSetsEveryField() {
    CaptureLimits limits = CaptureLimits.builder()
        .setMaxStringChars(1).setMaxItems(2).setMaxDepth(3).setMaxPayloadBytes(4).build();

    assertThat(limits).hasToString(
        "CaptureLimits{maxStringChars=1, maxItems=2, maxDepth=3, maxPayloadBytes=4}");
  }

  @Test
  void nonPositiveValuesFailNamingTheField() {
    CaptureLimits.Builder builder = CaptureLimits.builder();

    assertThatThrownBy(() -> builder.setMaxStringChars(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxStringChars must be > 0, was 0");
    assertThatThrownBy(() -> builder.setMaxItems(-1))
        .hasMessage("maxItems must be > 0, was -1");
    assertThatThrownBy(() -> builder.setMaxDepth(0))
        .hasMessage("maxDepth must be > 0, was 0");
    assertThatThrownBy(() -> builder.setMaxPayloadBytes(-5))
        .hasMessage("maxPayloadBytes must be > 0, was -5");
  }
}
