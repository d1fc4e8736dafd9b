package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.defaults();

  @ParameterizedTest
  @ValueSource(strings = {
      "apiKey", "api_key", "X-Api-Key", "OPENAI_API_KEY", "Authorization", "Proxy-Authorization",
      "password", "db.password", "passwd", "secret", "client_secret", "token", "access_token",
      "refreshToken", "credential", "credentials", "aws credentials", "cookie", "Set-Cookie",
      "x.api-key"})
  void secretWordsMatchAsWholeKeyOrSuffixAfterNormalising(String key) {
    assertThat(redactor.isSecret(key)).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "max_tokens", "prompt_tokens", "total_tokens", "tokenizer", "token_count", "model",
      "secretary", "passwords_changed_at", "cookies_enabled", "keys", "", "_", "key"})
  void tokenCountsAndLookAlikesAreNotSecret(String key) {
    assertThat(redactor.isSecret(key)).as(key).isFalse();
  }

  @Test
  void nullKeyIsNotSecret() {
    assertThat(redactor.isSecret(null)).isFalse();
  }

  @Test
  void extraKeysAreNormalisedAndMatchExactlyOrAsSuffix() {
    Redactor custom = Redactor.withExtraKeys(List.of("Session-ID", "pin"));

    assertThat(custom.isSecret("sessionId")).isTrue();
    assertThat(custom.isSecret("user_session_id")).isTrue();
    assertThat(custom.isSecret("PIN")).isTrue();
    assertThat(custom.isSecret("apiKey")).as("defaults still apply").isTrue();
    assertThat(custom.isSecret("session")).isFalse();
    assertThat(custom.isSecret("pinned")).isFalse();
    assertThat(redactor.isSecret("sessionId")).as("defaults are not changed").isFalse();
  }

  @Test
  void extraKeysFailFastOnNullOrEmptyWords() {
    assertThatThrownBy(() -> Redactor.withExtraKeys(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("extraKeys");
    assertThatThrownBy(() -> Redactor.withExtraKeys(Arrays.asList("pin", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("extraKeys contains null");
    assertThatThrownBy(() -> Redactor.withExtraKeys(List.of(" _-. ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extraKeys must contain a letter or digit, was ' _-. '");
  }

  @Test
  void normaliseLowerCasesAndDropsSeparators() {
    assertThat(Redactor.normalise("X-Api_Key.v 2")).isEqualTo("xapikeyv2");
  }
}
