package dev.weft.agent.llm;

import java.util.Locale;

/**
 * The {@code gen_ai.provider.name} of an OpenAI-compatible host. Well-known OpenTelemetry values
 * are used where they exist ({@code openai}, {@code azure.ai.openai}, {@code azure.ai.inference},
 * {@code groq}, {@code mistral_ai}, {@code deepseek}, {@code x_ai}, {@code perplexity},
 * {@code gcp.gemini}, {@code gcp.vertex_ai}, {@code anthropic}); other hosted providers get a
 * lower-case name in the same style ({@code wandb}, {@code together_ai}, {@code fireworks_ai},
 * {@code openrouter}, {@code cerebras}). Any other host (localhost, a self-hosted vLLM or Ollama,
 * an unknown gateway) speaks OpenAI's API and is {@code openai}; {@code server.address} still
 * tells which host it was.
 */
public final class LlmProviders {
  /** The provider of unknown hosts: the API they speak. */
  public static final String DEFAULT = "openai";

  // {domain suffix, provider}; a host matches when it equals the suffix or ends with "." + suffix.
  private static final String[][] HOSTS = {
    {"openai.com", "openai"},
    {"openai.azure.com", "azure.ai.openai"},
    {"cognitiveservices.azure.com", "azure.ai.openai"},
    {"services.ai.azure.com", "azure.ai.inference"},
    {"inference.ai.azure.com", "azure.ai.inference"},
    {"wandb.ai", "wandb"},
    {"groq.com", "groq"},
    {"together.xyz", "together_ai"},
    {"together.ai", "together_ai"},
    {"mistral.ai", "mistral_ai"},
    {"deepseek.com", "deepseek"},
    {"openrouter.ai", "openrouter"},
    {"fireworks.ai", "fireworks_ai"},
    {"x.ai", "x_ai"},
    {"perplexity.ai", "perplexity"},
    {"generativelanguage.googleapis.com", "gcp.gemini"},
    {"aiplatform.googleapis.com", "gcp.vertex_ai"},
    {"anthropic.com", "anthropic"},
    {"cerebras.ai", "cerebras"},
  };

  private LlmProviders() {}

  /** The provider name for {@code host}; {@link #DEFAULT} for null and unknown hosts. */
  public static String providerName(String host) {
    if (host == null || host.isEmpty()) {
      return DEFAULT;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String[] entry : HOSTS) {
      String suffix = entry[0];
      if (h.equals(suffix)
          || (h.endsWith(suffix) && h.charAt(h.length() - suffix.length() - 1) == '.')) {
        return entry[1];
      }
    }
    return DEFAULT;
  }
}
