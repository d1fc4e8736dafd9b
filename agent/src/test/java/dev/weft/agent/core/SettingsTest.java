package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.weft.agent.llm.LlmOperation;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Map<String, String> NONE = Map.of();

  @Test
  void defaults_apply_when_nothing_is_set() {
    Settings settings = Settings.load(null, NONE, NONE);

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.projectOrNull()).isNull();
    assertThat(settings.entity()).isNull();
    assertThat(settings.projectName()).isNull();
    assertThat(settings.apiKeyOrNull()).isNull();
    assertThat(settings.hasApiKey()).isFalse();
    assertThat(settings.traceUrl()).isEqualTo("http://127.0.0.1:6345");
    assertThat(settings.exporter()).isEqualTo("weave");
    assertThat(settings.captureContent()).isTrue();
    assertThat(settings.captureMaxBytes()).isEqualTo(1_048_576);
    assertThat(settings.captureMaxString()).isEqualTo(16_384);
    assertThat(settings.captureMaxItems()).isEqualTo(1000);
    assertThat(settings.redactKeys()).isEmpty();
    assertThat(settings.sampleRate()).isEqualTo(1.0);
    assertThat(settings.opsInclude().isEmpty()).isTrue();
    assertThat(settings.printCallLink()).isTrue();
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.exportQueueSize()).isEqualTo(8192);
    assertThat(settings.parallelism()).isEqualTo(10);
    assertThat(settings.debug()).isFalse();
  }

  @Test
  void every_setting_is_read_from_agent_arguments() {
    Settings settings = Settings.load("enabled=no,project=team/p,api.key=k1,trace.url=https://weave.example.com/,"
        + "exporter=OTLP,capture.content=0,capture.max.bytes=10,capture.max.string=20,capture.max.items=30,"
        + "redact.keys=\"authorization, x-api-key\",sample.rate=0.25,ops.include=com.a.Foo[bar,baz];com.b.Qux,"
        + "print.call.link=false,flush.timeout=500ms,export.timeout=2m,export.queue.size=40,parallelism=3,"
        + "debug=YES", NONE, NONE);

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.projectOrNull()).isEqualTo("team/p");
    assertThat(settings.entity()).isEqualTo("team");
    assertThat(settings.projectName()).isEqualTo("p");
    assertThat(settings.apiKeyOrNull()).isEqualTo("k1");
    assertThat(settings.traceUrl()).isEqualTo("https://weave.example.com");
    assertThat(settings.traceUrlIsWandbCloud()).isFalse();
    assertThat(settings.exporter()).isEqualTo("otlp");
    assertThat(settings.captureContent()).isFalse();
    assertThat(settings.captureMaxBytes()).isEqualTo(10);
    assertThat(settings.captureMaxString()).isEqualTo(20);
    assertThat(settings.captureMaxItems()).isEqualTo(30);
    assertThat(settings.redactKeys()).containsExactly("authorization", "x-api-key");
    assertThat(settings.sampleRate()).isEqualTo(0.25);
    assertThat(settings.opsInclude().toString()).isEqualTo("com.a.Foo[bar,baz];com.b.Qux");
    assertThat(settings.printCallLink()).isFalse();
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.exportQueueSize()).isEqualTo(40);
    assertThat(settings.parallelism()).isEqualTo(3);
    assertThat(settings.debug()).isTrue();
  }

  @Test
  void agent_argument_beats_system_property_which_beats_environment_which_beats_alias() {
    Map<String, String> env = Map.of("WEFT_API_KEY", "from-weft-env", "WANDB_API_KEY", "from-wandb");
    Map<String, String> props = Map.of("weft.api.key", "from-property");

    assertThat(Settings.load("api.key=from-args", props, env).apiKeyOrNull()).isEqualTo("from-args");
    assertThat(Settings.load(null, props, env).apiKeyOrNull()).isEqualTo("from-property");
    assertThat(Settings.load(null, NONE, env).apiKeyOrNull()).isEqualTo("from-weft-env");
    assertThat(Settings.load(null, NONE, Map.of("WANDB_API_KEY", "from-wandb")).apiKeyOrNull())
        .isEqualTo("from-wandb");
  }

  @Test
  void source_names_where_each_value_came_from() {
    Settings settings = Settings.load("weft.project=team/p", Map.of("weft.debug", "true"),
        Map.of("WEFT_SAMPLE_RATE", "0.5", "WANDB_API_KEY", "secret"));

    assertThat(settings.sourceOf("weft.project")).isEqualTo("agent argument");
    assertThat(settings.sourceOf("weft.debug")).isEqualTo("system property");
    assertThat(settings.sourceOf("weft.sample.rate")).isEqualTo("environment WEFT_SAMPLE_RATE");
    assertThat(settings.sourceOf("weft.api.key")).isEqualTo("environment WANDB_API_KEY");
    assertThat(settings.sourceOf("trace.url")).isEqualTo("default");
  }

  @Test
  void blank_values_fall_through_to_the_next_source() {
    Settings settings = Settings.load("project=", Map.of("weft.project", "  "),
        Map.of("WEFT_PROJECT", "", "WEFT_API_KEY", " ", "WANDB_API_KEY", " key \n"));

    assertThat(settings.projectOrNull()).isNull();
    assertThat(settings.sourceOf("weft.project")).isEqualTo("default");
    assertThat(settings.apiKeyOrNull()).isEqualTo("key");
  }

  @Test
  void every_weave_alias_is_honoured() {
    Settings settings = Settings.load(null, NONE, Map.of("WANDB_API_KEY", "k", "WF_TRACE_SERVER_URL",
        "http://localhost:9000/", "WEAVE_DISABLED", "true", "WEAVE_PRINT_CALL_LINK", "false",
        "WEAVE_PARALLELISM", "4"));

    assertThat(settings.apiKeyOrNull()).isEqualTo("k");
    assertThat(settings.traceUrl()).isEqualTo("http://localhost:9000");
    assertThat(settings.sourceOf("trace.url")).isEqualTo("environment WF_TRACE_SERVER_URL");
    assertThat(settings.enabled()).isFalse();
    assertThat(settings.sourceOf("enabled")).isEqualTo("environment WEAVE_DISABLED");
    assertThat(settings.printCallLink()).isFalse();
    assertThat(settings.parallelism()).isEqualTo(4);
    assertThat(settings.sourceOf("parallelism")).isEqualTo("environment WEAVE_PARALLELISM");
  }

  @Test
  void weave_disabled_false_means_enabled_and_weft_variables_beat_aliases() {
    assertThat(Settings.load(null, NONE, Map.of("WEAVE_DISABLED", "0")).enabled()).isTrue();
    assertThat(Settings.load(null, NONE, Map.of("WEAVE_DISABLED", "no")).sourceOf("enabled"))
        .isEqualTo("environment WEAVE_DISABLED");
    Settings settings = Settings.load(null, NONE, Map.of("WEAVE_DISABLED", "true", "WEFT_ENABLED", "true",
        "WEAVE_PARALLELISM", "4", "WEFT_PARALLELISM", "6", "WF_TRACE_SERVER_URL", "http://a",
        "WEFT_TRACE_URL", "http://b"));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.parallelism()).isEqualTo(6);
    assertThat(settings.traceUrl()).isEqualTo("http://b");
  }

  @Test
  void trace_url_defaults_to_wandb_cloud_only_when_a_key_is_set() {
    Settings withKey = Settings.load(null, NONE, Map.of("WANDB_API_KEY", "k"));
    Settings withoutKey = Settings.load(null, NONE, NONE);

    assertThat(withKey.traceUrl()).isEqualTo("https://trace.wandb.ai");
    assertThat(withKey.traceUrlIsWandbCloud()).isTrue();
    assertThat(withoutKey.traceUrl()).isEqualTo("http://127.0.0.1:6345");
    assertThat(withoutKey.traceUrlIsWandbCloud()).isFalse();
    assertThat(Settings.load("trace.url=https://WANDB.AI", NONE, NONE).traceUrlIsWandbCloud()).isTrue();
    assertThat(Settings.load("trace.url=https://notwandb.ai", NONE, NONE).traceUrlIsWandbCloud()).isFalse();
  }

  @Test
  void api_key_never_appears_in_to_string_or_describe() {
    Settings settings = Settings.load("api.key=sk-very-secret,project=team/p", NONE, NONE);

    assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("weft.api.key=OBFUSCATED");
    assertThat(settings.describe("api.key")).isEqualTo("weft.api.key=OBFUSCATED (agent argument)");
    assertThat(settings.sourceOf("api.key")).isEqualTo("agent argument");
  }

  @Test
  void to_string_lists_every_effective_setting_in_order() {
    Settings settings = Settings.load("project=team/p,ops.include=a.B", NONE, Map.of("WANDB_API_KEY", "k"));

    assertThat(settings.toString()).isEqualTo("Settings{weft.enabled=true, weft.project=team/p, "
        + "weft.api.key=OBFUSCATED, weft.trace.url=https://trace.wandb.ai, weft.exporter=weave, "
        + "weft.capture.content=true, weft.capture.max.bytes=1048576, weft.capture.max.string=16384, "
        + "weft.capture.max.items=1000, weft.redact.keys=, weft.sample.rate=1.0, weft.ops.include=a.B, "
        + "weft.print.call.link=true, weft.flush.timeout=5s, weft.export.timeout=10s, "
        + "weft.export.queue.size=8192, weft.parallelism=10, weft.debug=false, weft.llm.enabled=true, weft.llm.include.usage=true,"
            + " weft.llm.paths=/chat/completions=chat,/completions=completions,/embeddings=embeddings,/responses=responses}");
  }

  @Test
  void describe_shows_value_and_source() {
    Settings settings = Settings.load(null, Map.of("weft.flush.timeout", "1500"), NONE);

    assertThat(settings.describe("weft.flush.timeout")).isEqualTo("weft.flush.timeout=1500ms (system property)");
    assertThat(settings.describe("project")).isEqualTo("weft.project=<none> (default)");
    assertThat(settings.describe("api.key")).isEqualTo("weft.api.key=<none> (default)");
    assertThatThrownBy(() -> settings.describe("weft.projet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown setting weft.projet; known: weft.enabled, weft.project,");
  }

  @Test
  void disabled_settings_are_defaults_with_tracing_off() {
    Settings disabled = Settings.disabled();

    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.sourceOf("enabled")).isEqualTo("Settings.disabled()");
    assertThat(disabled.traceUrl()).isEqualTo("http://127.0.0.1:6345");
    assertThat(disabled.sourceOf("project")).isEqualTo("default");
    assertThat(Settings.disabled()).isSameAs(disabled);
  }

  @Test
  void unknown_weft_properties_and_variables_are_ignored() {
    Settings settings = Settings.load(null, Map.of("weft.projet", "x"), Map.of("WEFT_PROJET", "x"));

    assertThat(settings.projectOrNull()).isNull();
  }

  @Test
  void keys_lists_every_setting() {
    assertThat(Settings.keys()).containsExactly("weft.enabled", "weft.project", "weft.api.key",
        "weft.trace.url", "weft.exporter", "weft.capture.content", "weft.capture.max.bytes",
        "weft.capture.max.string", "weft.capture.max.items", "weft.redact.keys", "weft.sample.rate",
        "weft.ops.include", "weft.print.call.link", "weft.flush.timeout", "weft.export.timeout",
        "weft.export.queue.size", "weft.parallelism", "weft.debug", "weft.llm.enabled",
        "weft.llm.include.usage", "weft.llm.paths");
  }

  @Test
  void llm_paths_add_model_call_paths_and_a_bad_one_names_the_key() {
    Settings settings = Settings.load("llm.paths=\"/v1/generate=completions,/api/chat\"", NONE, NONE);

    assertThat(settings.llmCalls().match("POST", "/v1/generate")).isEqualTo(LlmOperation.COMPLETIONS);
    assertThat(settings.llmCalls().match("POST", "/api/chat")).isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThat(settings.llmCalls().match("POST", "/v1/chat/completions")).isEqualTo(LlmOperation.CHAT_COMPLETIONS);
    assertThatThrownBy(() -> Settings.load("llm.paths=/v1/x=rerank", NONE, NONE))
        .isInstanceOf(SettingsException.class).hasMessageContaining("weft.llm.paths").hasMessageContaining("rerank");
    assertThatThrownBy(() -> Settings.load("llm.paths=v1/x", NONE, NONE))
        .isInstanceOf(SettingsException.class).hasMessageContaining("weft.llm.paths");
  }

  @Test
  void results_are_immutable() {
    Settings settings = Settings.load("redact.keys=a,ops.include=a.B[c]", NONE, NONE);

    assertThatThrownBy(() -> settings.redactKeys().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> settings.opsInclude().entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    Set<String> methods = settings.opsInclude().entries().get(0).methods();
    assertThatThrownBy(() -> methods.add("d")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(List.copyOf(methods)).containsExactly("c");
  }

  @Test
  void from_environment_reads_system_properties() {
    System.setProperty("weft.capture.max.items", "77");
    try {
      assertThat(Settings.fromEnvironment("debug=true").captureMaxItems()).isEqualTo(77);
    } finally {
      System.clearProperty("weft.capture.max.items");
    }
  }
}
