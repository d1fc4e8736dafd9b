package dev.weft.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesTest {

  /** The models of W&B Inference's model list (the seed of issue 5). */
  static final List<String> WB_INFERENCE = List.of("openai/gpt-oss-120b", "openai/gpt-oss-20b",
      "Qwen/Qwen3-235B-A22B-Thinking-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507",
      "Qwen/Qwen3-Coder-480B-A35B-Instruct", "moonshotai/Kimi-K2-Instruct", "deepseek-ai/DeepSeek-R1-0528",
      "deepseek-ai/DeepSeek-V3-0324", "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.3-70B-Instruct",
      "meta-llama/Llama-4-Scout-17B-16E-Instruct", "microsoft/Phi-4-mini-instruct");

  @TempDir Path dir;

  @Test
  void theBuiltInTablePricesEveryWandbInferenceModelWithSourceAndDate() {
    Prices prices = Prices.builtIn();

    for (String model : WB_INFERENCE) {
      Prices.Price price = prices.find(model);
      assertThat(price).as(model).isNotNull();
      assertThat(price.model()).isEqualTo(model);
      assertThat(price.provider()).isEqualTo("W&B Inference");
      assertThat(price.source()).isEqualTo("https://wandb.ai/site/pricing/tokens/");
      assertThat(price.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    }
    assertThat(prices.all()).allSatisfy(price -> {
      assertThat(price.source()).startsWith("https://");
      assertThat(price.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    });
  }

  @Test
  void modelsMatchCaseInsensitivelyWithProviderPrefixesAndDatedVersions() {
    Prices prices = Prices.builtIn();

    assertThat(prices.find("meta-llama/llama-3.1-8b-instruct").model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(prices.find("wandb/meta-llama/Llama-3.1-8B-Instruct").model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(prices.find("gpt-4o-mini-2024-07-18").model()).isEqualTo("gpt-4o-mini");
    assertThat(prices.find("gpt-4o-2024-08-06").model()).isEqualTo("gpt-4o");
    assertThat(prices.find("openai/gpt-4o").model()).isEqualTo("gpt-4o");
    assertThat(prices.find("claude-sonnet-4-20250514").model()).isEqualTo("claude-sonnet-4");
    assertThat(prices.find("gpt-4o2")).isNull();
    assertThat(prices.find("my-own-model")).isNull();
    assertThat(prices.find(null)).isNull();
  }

  @Test
  void costIsPromptTimesInputPlusCompletionTimesOutputPerMillion() {
    Prices prices = Prices.builtIn();

    assertThat(prices.cost("deepseek-ai/DeepSeek-R1-0528", 1_000_000, 500_000)).isEqualTo(4.05);
    assertThat(prices.cost("meta-llama/Llama-3.1-8B-Instruct", 1200, 300)).isEqualTo(3.3e-4);
    assertThat(prices.cost("unknown", 1, 1)).isNull();
  }

  @Test
  void aUserFileAddsAndReplacesPrices() throws IOException {
    Path file = Files.writeString(dir.resolve("prices.json"), "{\"models\": ["
        + "{\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"input_per_million\": 1, \"output_per_million\": 2},"
        + "{\"model\": \"acme/house-model\", \"input_per_million\": 0.5, \"output_per_million\": 0.5,"
        + " \"source\": \"https://acme.example/prices\", \"as_of\": \"2026-01-01\"}]}");

    Prices prices = Prices.withOverrides(file);

    assertThat(prices.cost("meta-llama/Llama-3.1-8B-Instruct", 1_000_000, 1_000_000)).isEqualTo(3.0);
    assertThat(prices.find("acme/house-model").source()).isEqualTo("https://acme.example/prices");
    assertThat(prices.find("gpt-4o").inputPerMillion()).isEqualTo(2.50);
  }

  @Test
  void aMalformedUserFileSaysWhatIsWrong() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"models\": [{\"model\": \"x\", \"input_per_million\": \"cheap\"}]}");

    assertThatThrownBy(() -> Prices.withOverrides(file)).isInstanceOf(IOException.class)
        .hasMessage(file + ": each model needs \"model\", \"input_per_million\" and \"output_per_million\"; bad entries:"
            + " [{\"model\":\"x\",\"input_per_million\":\"cheap\"}]");
  }
}
