package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {
  private static final Map<String, String> NONE = Map.of();
  private static final String KNOWN = "weft.enabled, weft.project, weft.api.key, weft.trace.url, weft.exporter,"
      + " weft.capture.content, weft.capture.max.bytes, weft.capture.max.string, weft.capture.max.items,"
      + " weft.redact.keys, weft.sample.rate, weft.ops.include, weft.print.call.link, weft.flush.timeout,"
      + " weft.export.timeout, weft.export.queue.size, weft.parallelism, weft.debug, weft.llm.enabled, weft.llm.include.usage, weft.llm.paths";

  @Test
  void keys_may_be_given_with_or_without_the_weft_prefix() {
    assertThat(Settings.load("project=team/p", NONE, NONE).projectOrNull()).isEqualTo("team/p");
    assertThat(Settings.load("weft.project=team/p", NONE, NONE).projectOrNull()).isEqualTo("team/p");
  }

  @Test
  void values_may_contain_equals_signs() {
    assertThat(Settings.load("api.key=abc==", NONE, NONE).apiKeyOrNull()).isEqualTo("abc==");
  }

  @Test
  void double_quotes_group_a_value_with_commas_and_are_removed() {
    Settings settings = Settings.load("redact.keys=\"a,b,c\",project=\"team/p\"", NONE, NONE);

    assertThat(settings.redactKeys()).containsExactly("a", "b", "c");
    assertThat(settings.projectOrNull()).isEqualTo("team/p");
  }

  @Test
  void ops_include_may_be_quoted_or_left_bare_because_brackets_group_commas() {
    String quoted = "ops.include=\"com.a.Foo[bar,baz];com.b.Qux\",debug=true";
    String bare = "ops.include=com.a.Foo[bar,baz];com.b.Qux,debug=true";

    for (String arguments : new String[] {quoted, bare}) {
      Settings settings = Settings.load(arguments, NONE, NONE);
      assertThat(settings.opsInclude().toString()).as(arguments).isEqualTo("com.a.Foo[bar,baz];com.b.Qux");
      assertThat(settings.debug()).as(arguments).isTrue();
    }
  }

  @Test
  void spaces_around_items_and_empty_items_are_ignored() {
    Settings settings = Settings.load(" project = team/p ,, debug=true, ", NONE, NONE);

    assertThat(settings.projectOrNull()).isEqualTo("team/p");
    assertThat(settings.debug()).isTrue();
  }

  @Test
  void empty_or_missing_arguments_set_nothing() {
    assertThat(Settings.load("", NONE, NONE).sourceOf("project")).isEqualTo("default");
    assertThat(Settings.load("  ", NONE, NONE).sourceOf("project")).isEqualTo("default");
    assertThat(Settings.load(null, NONE, NONE).sourceOf("project")).isEqualTo("default");
  }

  @Test
  void an_unknown_key_is_an_error_that_lists_the_known_keys() {
    assertThatThrownBy(() -> Settings.load("projet=team/p", NONE, NONE))
        .isInstanceOf(SettingsException.class)
        .hasMessage("weft: unknown setting weft.projet in agent arguments; known: " + KNOWN);
    assertThatThrownBy(() -> Settings.load("weft.capture.max=5", NONE, NONE))
        .hasMessage("weft: unknown setting weft.capture.max in agent arguments; known: " + KNOWN);
  }

  @Test
  void an_item_without_equals_is_an_error_with_a_quoting_hint_and_no_echo() {
    assertThatThrownBy(() -> Settings.load("redact.keys=a,sk-secret", NONE, NONE))
        .isInstanceOf(SettingsException.class)
        .hasMessage("weft: bad agent arguments: item 2 is not key=value; separate settings with commas and quote"
            + " values that contain commas, e.g. redact.keys=\"a,b\"");
    assertThatThrownBy(() -> Settings.load("=x", NONE, NONE))
        .hasMessageStartingWith("weft: bad agent arguments: item 1 is not key=value;");
  }

  @Test
  void an_unclosed_quote_is_an_error() {
    assertThatThrownBy(() -> Settings.load("redact.keys=\"a,b", NONE, NONE))
        .hasMessage("weft: bad agent arguments: a double quote is not closed; separate settings with commas and"
            + " quote values that contain commas, e.g. redact.keys=\"a,b\"");
  }

  @Test
  void a_key_given_twice_is_an_error() {
    assertThatThrownBy(() -> Settings.load("project=a/b,weft.project=c/d", NONE, NONE))
        .hasMessage("weft: setting weft.project is given twice in agent arguments");
  }
}
