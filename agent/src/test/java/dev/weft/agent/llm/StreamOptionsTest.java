package dev.weft.agent.llm;

import static dev.weft.agent.llm.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamOptionsTest {

  @Test
  void aStreamingRequestWithoutStreamOptionsGetsThemAtTheEnd() {
    assertThat(rewrite("{\"model\":\"m\",\"stream\":true}"))
        .isEqualTo("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void everyOtherByteOfThePrettyBodyStaysAsWritten() {
    assertThat(rewrite("{\n  \"stream\" : true,\n  \"messages\": [{\"content\": \"é 😀 }\"}],\n"
        + "  \"temperature\": 0.70\n}\n"))
        .isEqualTo("{\n  \"stream\" : true,\n  \"messages\": [{\"content\": \"é 😀 }\"}],\n"
            + "  \"temperature\": 0.70\n,\"stream_options\":{\"include_usage\":true}}\n");
  }

  @Test
  void nullOrIncompleteStreamOptionsAreCompleted() {
    assertThat(rewrite("{\"stream\":true,\"stream_options\":null,\"model\":\"é\"}"))
        .isEqualTo("{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"é\"}");
    assertThat(rewrite("{\"stream_options\": {},\"stream\":true}"))
        .isEqualTo("{\"stream_options\": {\"include_usage\":true},\"stream\":true}");
    assertThat(rewrite("{\"model\":\"é\",\"stream_options\":{\"continuous_usage_stats\":false},"
        + "\"stream\":true}"))
        .isEqualTo("{\"model\":\"é\",\"stream_options\":{\"include_usage\":true,"
            + "\"continuous_usage_stats\":false},\"stream\":true}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
    "{\"stream\":true,\"stream_options\":{\"include_usage\":false}}",
    "{\"stream\":false}",
    "{\"model\":\"m\"}",
    "{\"stream\":\"true\"}",
    "{\"stream\":true,\"stream_options\":\"yes\"}",
    "[{\"stream\":true}]",
    "{\"stream\":true",
    "{\"stream\":true} {}",
    "not json",
    "",
  })
  void otherBodiesAreLeftAlone(String body) {
    assertThat(StreamOptions.withIncludeUsage(utf8(body))).isNull();
  }

  @Test
  void aMissingBodyIsLeftAlone() {
    assertThat(StreamOptions.withIncludeUsage(null)).isNull();
  }

  private static String rewrite(String body) {
    byte[] rewritten = StreamOptions.withIncludeUsage(utf8(body));
    assertThat(rewritten).as("rewritten " + body).isNotNull();
    String text = utf8(rewritten);
    Fixtures.assertValidJson(text);
    return text;
  }
}
