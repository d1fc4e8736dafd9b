package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonCaptureRedactionTest {
  private static final int MIB = 1_048_576;
  private static final String SECRET = "sk-live-0123456789abcdef";
  private final JsonCapture capture =
      new JsonCapture(CaptureLimits.defaults(), Redactor.defaults());

  @Test
  void secretMapKeysAreRedactedAtAnyDepth() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + SECRET);
    headers.put("Accept", "application/json");
    Map<String, Object> inputs = Map.of("config", Map.of("headers", headers));

    String json = capture.inputs(inputs, MIB);

    assertThat(json).isEqualTo("{\"config\":{\"headers\":"
        + "{\"Authorization\":\"REDACTED\",\"Accept\":\"application/json\"}}}");
    assertThat(json).doesNotContain(SECRET);
  }

  @Test
  void secretParameterNamesAreRedactedWhateverTheirValue() {
    String json = capture.inputs(new String[] {"apiKey", "prompt", "credentials"},
        new Object[] {SECRET, "hi", List.of(SECRET)}, MIB);

    assertThat(json).isEqualTo(
        "{\"apiKey\":\"REDACTED\",\"prompt\":\"hi\",\"credentials\":\"REDACTED\"}");
    assertThat(json).doesNotContain(SECRET);
  }

  @Test
  void secretBeanPropertiesAreRedactedWithoutCallingTheGetter() {
    Client client = new Client();

    String json = capture.value(List.of(Map.of("client", client)), MIB);

    assertThat(json).isEqualTo(
        "[{\"client\":{\"maxTokens\":256,\"model\":\"gpt-4o\",\"password\":\"REDACTED\"}}]");
    assertThat(client.passwordReads.get()).isZero();
  }

  @Test
  void secretRecordComponentsAreRedacted() {
    String json = capture.value(new Credentials("alice", SECRET), MIB);

    assertThat(json).isEqualTo("{\"user\":\"alice\",\"accessToken\":\"REDACTED\"}");
  }

  @Test
  void tokenCountsAreKept() {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("max_tokens", 5);
    usage.put("prompt_tokens", 3);
    usage.put("total_tokens", 8);
    usage.put("tokenizer", "cl100k");
    usage.put("token_count", 2);
    usage.put("access_token", SECRET);

    assertThat(capture.value(usage, MIB)).isEqualTo("{\"max_tokens\":5,\"prompt_tokens\":3,"
        + "\"total_tokens\":8,\"tokenizer\":\"cl100k\",\"token_count\":2,"
        + "\"access_token\":\"REDACTED\"}");
  }

  @Test
  void extraKeysAreRedactedToo() {
    JsonCapture custom = new JsonCapture(
        CaptureLimits.defaults(), Redactor.withExtraKeys(List.of("session-id")));

    assertThat(custom.value(Map.of("user_session_id", "s-1"), MIB))
        .isEqualTo("{\"user_session_id\":\"REDACTED\"}");
    assertThat(capture.value(Map.of("user_session_id", "s-1"), MIB))
        .isEqualTo("{\"user_session_id\":\"s-1\"}");
  }

  public static class Client {
    final AtomicInteger passwordReads = new AtomicInteger();

    public String getModel() {
      return "gpt-4o";
    }

    public int getMaxTokens() {
      return 256;
    }

    public String getPassword() {
      passwordReads.incrementAndGet();
      return SECRET;
    }
  }

  private record Credentials(String user, String accessToken) {}
}
