package dev.weft.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmProvidersTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "api.openai.com, openai",
    "api.inference.wandb.ai, wandb",
    "myres.openai.azure.com, azure.ai.openai",
    "myres.cognitiveservices.azure.com, azure.ai.openai",
    "myres.services.ai.azure.com, azure.ai.inference",
    "api.groq.com, groq",
    "api.together.xyz, together_ai",
    "api.mistral.ai, mistral_ai",
    "api.deepseek.com, deepseek",
    "openrouter.ai, openrouter",
    "api.fireworks.ai, fireworks_ai",
    "api.x.ai, x_ai",
    "generativelanguage.googleapis.com, gcp.gemini",
    "API.GROQ.COM., groq",
    "localhost, openai",
    "127.0.0.1, openai",
    "vllm.internal.example, openai",
    "notgroq.com, openai",
    "max.ai, openai",
  })
  void hostsMapToProviderNames(String host, String provider) {
    assertThat(LlmProviders.providerName(host)).isEqualTo(provider);
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "NULL"}, nullValues = "NULL")
  void aMissingHostIsOpenAi(String host) {
    assertThat(LlmProviders.providerName(host)).isEqualTo("openai");
  }
}
