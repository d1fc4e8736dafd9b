package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationSettingsTest {

  @ParameterizedTest
  @CsvSource({"500ms, 500", "5s, 5000", "2m, 120000", "250, 250", "1, 1", "10m, 600000", "600000, 600000",
      "600s, 600000", "7S, 7000", "15MS, 15"})
  void durations_accept_milliseconds_seconds_minutes_and_bare_milliseconds(String text, long millis) {
    Settings settings = Settings.load(null, Map.of("weft.flush.timeout", text, "weft.export.timeout", text), Map.of());

    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofMillis(millis));
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"1500, 1500ms", "60000, 1m", "90s, 90s", "3000ms, 3s"})
  void durations_are_shown_in_their_shortest_exact_form(String text, String shown) {
    Settings settings = Settings.load("export.timeout=" + text, Map.of(), Map.of());

    assertThat(settings.describe("export.timeout")).isEqualTo("weft.export.timeout=" + shown + " (agent argument)");
  }
}
