package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsValidationTest {
  private static final Map<String, String> NONE = Map.of();
  private static final String BOOLEAN = "expected true, false, yes, no, 1 or 0";
  private static final String WHOLE = "expected a whole number from 1 to 2147483647";
  private static final String DURATION =
      "expected a duration like 500ms, 5s or 2m (bare numbers are milliseconds), above 0 and at most 10m";
  private static final String URL = "expected an absolute http:// or https:// URL without credentials,"
      + " query or fragment, e.g. https://trace.wandb.ai";
  private static final String OPS = "expected class names, each optionally followed by [method,method],"
      + " separated by ';', e.g. com.acme.Foo[bar,baz];com.acme.Outer$Inner";

  static Stream<Arguments> badValues() {
    return Stream.of(
        arguments("weft.enabled", "maybe", BOOLEAN),
        arguments("weft.project", "team", "expected team/project: two non-empty names separated by one slash,"
            + " without spaces"),
        arguments("weft.project", "team/a/b", "expected team/project: two non-empty names separated by one"
            + " slash, without spaces"),
        arguments("weft.project", "my team/p", "expected team/project: two non-empty names separated by one"
            + " slash, without spaces"),
        arguments("weft.project", "/p", "expected team/project: two non-empty names separated by one slash,"
            + " without spaces"),
        arguments("weft.trace.url", "ftp://host", URL),
        arguments("weft.trace.url", "trace.wandb.ai", URL),
        arguments("weft.trace.url", "https://host/?a=b", URL),
        arguments("weft.trace.url", "https://user:pw@host", URL),
        arguments("weft.trace.url", "http://", URL),
        arguments("weft.exporter", "zipkin", "expected one of weave, otlp, console, none"),
        arguments("weft.capture.content", "on", BOOLEAN),
        arguments("weft.capture.max.bytes", "0", WHOLE),
        arguments("weft.capture.max.string", "-5", WHOLE),
        arguments("weft.capture.max.items", "1e3", WHOLE),
        arguments("weft.capture.max.bytes", "3000000000", WHOLE),
        arguments("weft.sample.rate", "2", "expected a number from 0 to 1"),
        arguments("weft.sample.rate", "-0.1", "expected a number from 0 to 1"),
        arguments("weft.sample.rate", "NaN", "expected a number from 0 to 1"),
        arguments("weft.sample.rate", "half", "expected a number from 0 to 1"),
        arguments("weft.print.call.link", "sometimes", BOOLEAN),
        arguments("weft.flush.timeout", "0", DURATION),
        arguments("weft.flush.timeout", "11m", DURATION),
        arguments("weft.flush.timeout", "600001", DURATION),
        arguments("weft.export.timeout", "1.5s", DURATION),
        arguments("weft.export.timeout", "5h", DURATION),
        arguments("weft.export.timeout", "99999999999999999999", DURATION),
        arguments("weft.export.queue.size", "many", WHOLE),
        arguments("weft.parallelism", "0", WHOLE),
        arguments("weft.debug", "verbose", BOOLEAN));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void a_bad_system_property_fails_with_one_line_naming_key_value_and_accepted_values(
      String key, String value, String expected) {
    assertThatThrownBy(() -> Settings.load(null, Map.of(key, value), NONE))
        .isInstanceOf(SettingsException.class)
        .hasMessage("weft: bad setting " + key + "=\"" + value + "\": " + expected)
        .message().doesNotContain("\n");
  }

  @Test
  void the_documented_example_message_is_exact() {
    assertThatThrownBy(() -> Settings.load("sample.rate=2", NONE, NONE))
        .hasMessage("weft: bad setting weft.sample.rate=\"2\": expected a number from 0 to 1");
  }

  @Test
  void a_bad_environment_value_also_names_the_variable() {
    assertThatThrownBy(() -> Settings.load(null, NONE, Map.of("WEFT_SAMPLE_RATE", "2")))
        .hasMessage("weft: bad setting weft.sample.rate=\"2\": expected a number from 0 to 1"
            + " (from environment WEFT_SAMPLE_RATE)");
    assertThatThrownBy(() -> Settings.load(null, NONE, Map.of("WEAVE_PARALLELISM", "lots")))
        .hasMessage("weft: bad setting weft.parallelism=\"lots\": " + WHOLE + " (from environment WEAVE_PARALLELISM)");
  }

  @Test
  void a_bad_weave_disabled_names_the_enabled_key_and_the_variable() {
    assertThatThrownBy(() -> Settings.load(null, NONE, Map.of("WEAVE_DISABLED", "maybe")))
        .hasMessage("weft: bad setting weft.enabled=\"maybe\": " + BOOLEAN + " (from environment WEAVE_DISABLED)");
  }

  @Test
  void a_bad_api_key_is_reported_without_echoing_it() {
    assertThatThrownBy(() -> Settings.load(null, NONE, Map.of("WANDB_API_KEY", "sk-secret part")))
        .hasMessage("weft: bad setting weft.api.key: expected a W&B API key without spaces or control characters"
            + " (from environment WANDB_API_KEY)");
  }

  @Test
  void a_malformed_ops_include_names_the_key_and_the_bad_entry() {
    assertThatThrownBy(() -> Settings.load("ops.include=\"com.a.Foo[bar];com.b.9Bad\"", NONE, NONE))
        .hasMessage("weft: bad setting weft.ops.include=\"com.a.Foo[bar];com.b.9Bad\": bad entry \"com.b.9Bad\": "
            + OPS);
  }

  @Test
  void control_characters_in_a_value_are_escaped_to_keep_the_message_on_one_line() {
    assertThatThrownBy(() -> Settings.load(null, Map.of("weft.exporter", "otlp\nx"), NONE))
        .hasMessage("weft: bad setting weft.exporter=\"otlp\\nx\": expected one of weave, otlp, console, none");
  }

  @Test
  void a_long_value_is_cut_in_the_message() {
    String value = "x".repeat(300);
    assertThatThrownBy(() -> Settings.load(null, Map.of("weft.exporter", value), NONE))
        .hasMessage("weft: bad setting weft.exporter=\"" + "x".repeat(200) + "...\": expected one of weave, otlp,"
            + " console, none");
  }

  @Test
  void booleans_accept_every_documented_spelling_in_any_case() {
    for (String yes : new String[] {"true", "TRUE", "Yes", "1"}) {
      assertThat(Settings.load("debug=" + yes, NONE, NONE).debug()).as(yes).isTrue();
    }
    for (String no : new String[] {"false", "False", "NO", "0"}) {
      assertThat(Settings.load("capture.content=" + no, NONE, NONE).captureContent()).as(no).isFalse();
    }
  }

  @Test
  void sample_rate_accepts_the_bounds_and_decimals() {
    assertThat(Settings.load("sample.rate=0", NONE, NONE).sampleRate()).isEqualTo(0.0);
    assertThat(Settings.load("sample.rate=1", NONE, NONE).sampleRate()).isEqualTo(1.0);
    assertThat(Settings.load("sample.rate=.5", NONE, NONE).sampleRate()).isEqualTo(0.5);
    assertThat(Settings.load("sample.rate=1.0", NONE, NONE).sampleRate()).isEqualTo(1.0);
  }

  @Test
  void trace_url_keeps_its_path_and_loses_trailing_slashes() {
    assertThat(Settings.load("trace.url=HTTPS://proxy.example.com:8443/weave//", NONE, NONE).traceUrl())
        .isEqualTo("HTTPS://proxy.example.com:8443/weave");
    assertThat(Settings.load("trace.url=http://[::1]:6345/", NONE, NONE).traceUrl()).isEqualTo("http://[::1]:6345");
  }

  @Test
  void exporter_accepts_every_value_in_any_case() {
    assertThat(Settings.load("exporter=Weave", NONE, NONE).exporter()).isEqualTo("weave");
    assertThat(Settings.load("exporter=otlp", NONE, NONE).exporter()).isEqualTo("otlp");
    assertThat(Settings.load("exporter=console", NONE, NONE).exporter()).isEqualTo("console");
    assertThat(Settings.load("exporter=NONE", NONE, NONE).exporter()).isEqualTo("none");
  }
}
