package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OpsIncludeTest {
  private static final String ACCEPTED = "expected class names, each optionally followed by [method,method],"
      + " separated by ';', e.g. com.acme.Foo[bar,baz];com.acme.Outer$Inner";

  @Test
  void entries_keep_class_names_and_methods_in_order() {
    OpsInclude include = OpsInclude.parse("com.acme.Foo[bar,baz];com.acme.Qux");

    assertThat(include.entries()).hasSize(2);
    assertThat(include.entries().get(0).className()).isEqualTo("com.acme.Foo");
    assertThat(include.entries().get(0).methods()).containsExactly("bar", "baz");
    assertThat(include.entries().get(1).className()).isEqualTo("com.acme.Qux");
    assertThat(include.entries().get(1).methods()).isEmpty();
  }

  @Test
  void listed_methods_match_only_themselves_and_bare_classes_match_every_method() {
    OpsInclude include = OpsInclude.parse("com.acme.Foo[bar,baz];com.acme.Qux");

    assertThat(include.matches("com.acme.Foo", "bar")).isTrue();
    assertThat(include.matches("com.acme.Foo", "baz")).isTrue();
    assertThat(include.matches("com.acme.Foo", "other")).isFalse();
    assertThat(include.matches("com.acme.Qux", "anything")).isTrue();
    assertThat(include.matches("com.acme.Other", "bar")).isFalse();
    assertThat(include.matchesClass("com.acme.Foo")).isTrue();
    assertThat(include.matchesClass("com.acme.Qux")).isTrue();
    assertThat(include.matchesClass("com.acme.Fo")).isFalse();
    assertThat(include.matchesClass("com.acme.Foo$Inner")).isFalse();
  }

  @Test
  void nested_classes_use_dollar_binary_names() {
    OpsInclude include = OpsInclude.parse("com.acme.Outer$Inner[run];com.acme.Outer$1");

    assertThat(include.matches("com.acme.Outer$Inner", "run")).isTrue();
    assertThat(include.matchesClass("com.acme.Outer")).isFalse();
    assertThat(include.matches("com.acme.Outer$1", "call")).isTrue();
  }

  @Test
  void spaces_and_empty_entries_are_ignored() {
    OpsInclude include = OpsInclude.parse(" com.a.Foo [ bar , baz ] ;; com.b.Qux ;");

    assertThat(include.toString()).isEqualTo("com.a.Foo[bar,baz];com.b.Qux");
  }

  @Test
  void repeated_classes_merge_and_a_bare_entry_includes_every_method() {
    OpsInclude include = OpsInclude.parse("a.Foo[x];a.Foo[y];b.Bar[x];b.Bar");

    assertThat(include.matches("a.Foo", "x")).isTrue();
    assertThat(include.matches("a.Foo", "y")).isTrue();
    assertThat(include.matches("a.Foo", "z")).isFalse();
    assertThat(include.matches("b.Bar", "z")).isTrue();
    assertThat(include.entries()).hasSize(4);
  }

  @Test
  void none_matches_nothing() {
    assertThat(OpsInclude.none().isEmpty()).isTrue();
    assertThat(OpsInclude.none().matchesClass("a.B")).isFalse();
    assertThat(OpsInclude.parse(" ; ")).isSameAs(OpsInclude.none());
  }

  @Test
  void entries_compare_by_value() {
    assertThat(OpsInclude.parse("a.B[c]").entries().get(0))
        .isEqualTo(new OpsInclude.Entry("a.B", Set.of("c")))
        .hasSameHashCodeAs(new OpsInclude.Entry("a.B", Set.of("c")))
        .isNotEqualTo(new OpsInclude.Entry("a.B", Set.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.a.Foo[", "com.a.Foo[]", "com.a.Foo[bar,]", "com.a.Foo[bar]x", "com.a.Foo]",
      "com..Foo", ".com.Foo", "com.Foo.", "com.a.9Foo", "com.a.Foo[9bar]", "com.a.Foo[b-r]", "com a.Foo",
      "[bar]", "com.a.Foo[bar][baz]", "com/a/Foo", "com.a.Foo[bar baz]"})
  void malformed_entries_are_named_in_the_error(String entry) {
    assertThatThrownBy(() -> OpsInclude.parse("ok.Fine;" + entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad entry \"" + entry + "\": " + ACCEPTED);
  }
}
