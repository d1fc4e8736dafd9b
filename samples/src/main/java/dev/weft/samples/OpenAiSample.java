package dev.weft.samples;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.weft.Kind;
import dev.weft.Op;
import dev.weft.testing.OpenAiStandIn;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small retrieval-augmented app on the official OpenAI Java SDK, pointed at W&B Inference. Its own
 * steps are {@code @Op}s; the model calls are not annotated at all: run it with
 * {@code -javaagent:weft-agent.jar} and each one shows up as an {@code llm} call (request, response,
 * tokens, latency) nested under the step that made it.
 *
 * <p>Settings: {@code WANDB_API_KEY} (else an offline stand-in server is started and used),
 * {@code WANDB_PROJECT} or {@code weft.project} (sent as {@code OpenAI-Project}), {@code OPENAI_BASE_URL}
 * (default {@code https://api.inference.wandb.ai/v1}), {@code OPENAI_MODEL} (default
 * {@code meta-llama/Llama-3.1-8B-Instruct}).
 */
public final class OpenAiSample {
  private static final Map<String, String> DOCUMENTS = Map.of(
      "weft", "Weft traces JVM apps the way Weave traces Python ones, with a Java agent.",
      "inference", "W&B Inference serves open models such as Llama 3.1 behind an OpenAI-compatible API.",
      "weave", "Weave shows every call with its inputs, output, latency, tokens and cost.");

  private final OpenAIClient client;
  private final String model;

  OpenAiSample(OpenAIClient client, String model) {
    this.client = client;
    this.model = model;
  }

  public static void main(String[] args) {
    String key = System.getenv("WANDB_API_KEY");
    String baseUrl = env("OPENAI_BASE_URL", "https://api.inference.wandb.ai/v1");
    OpenAiStandIn standIn = null;
    if (key == null || key.isBlank()) {
      standIn = OpenAiStandIn.start();
      key = "offline-stand-in";
      baseUrl = standIn.baseUrl();
      System.out.println("WANDB_API_KEY is not set: using an OFFLINE STAND-IN for W&B Inference at " + baseUrl
          + " (canned, deterministic replies; set WANDB_API_KEY to call the real service)");
    }
    try {
      run(key, baseUrl, args);
    } finally {
      if (standIn != null) {
        standIn.close();
      }
    }
  }

  private static void run(String key, String baseUrl, String[] args) {
    String project = env("WANDB_PROJECT", System.getProperty("weft.project", env("WEFT_PROJECT", "")));
    OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key);
    if (!project.isEmpty()) {
      builder.project(project);
    }
    OpenAIClient client = builder.build();
    try {
      String question = args.length > 0 ? String.join(" ", args) : "What does W&B Inference serve?";
      System.out.println(new OpenAiSample(client, env("OPENAI_MODEL", "meta-llama/Llama-3.1-8B-Instruct"))
          .answer(question));
    } finally {
      client.close();
    }
  }

  @Op(name = "rag_pipeline", kind = Kind.AGENT)
  String answer(String question) {
    List<String> context = retrieve(question);
    String draft = draft(question, context);
    String summary = summarize(draft);
    String weather = askWithTool("What is the weather in Paris?");
    return "answer: " + draft + "\nsummary: " + summary + "\ntool round trip: " + weather;
  }

  @Op(kind = Kind.SEARCH)
  List<String> retrieve(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    return DOCUMENTS.entrySet().stream().filter(e -> q.contains(e.getKey()) || e.getKey().equals("inference"))
        .map(Map.Entry::getValue).sorted().toList();
  }

  /** One chat completion: the agent records it as openai.chat.completions.create under this op. */
  @Op
  String draft(String question, List<String> context) {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model(model)
        .addSystemMessage("Answer in one sentence using this context: " + String.join(" ", context))
        .addUserMessage(question)
        .build());
    return completion.choices().get(0).message().content().orElse("");
  }

  /** A streamed call: printed as it arrives; the trace holds the whole reply, tokens and time to first chunk. */
  @Op
  String summarize(String text) {
    StringBuilder out = new StringBuilder();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
        .addUserMessage("Summarize in five words: " + text).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().flatMap(chunk -> chunk.choices().stream())
          .forEach(choice -> choice.delta().content().ifPresent(piece -> {
            System.out.print(piece);
            out.append(piece);
          }));
    }
    System.out.println();
    return out.toString();
  }

  /** A tool-call round trip: the model asks for a tool, the app runs it, the model answers. */
  @Op(kind = Kind.AGENT)
  String askWithTool(String question) {
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model)
        .addUserMessage(question)
        .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
            .name("get_weather").description("Current weather in a city")
            .parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build())
            .build()).build());
    ChatCompletionMessage first = client.chat().completions().create(params.build()).choices().get(0).message();
    List<ChatCompletionMessageToolCall> calls = first.toolCalls().orElse(List.of());
    if (calls.isEmpty()) {
      return first.content().orElse("");
    }
    params.addMessage(first);
    for (ChatCompletionMessageToolCall call : calls) {
      params.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id())
          .content(weather(call.asFunction().function().arguments())).build());
    }
    return client.chat().completions().create(params.build()).choices().get(0).message().content().orElse("");
  }

  @Op(kind = Kind.TOOL)
  String weather(String arguments) {
    return "{\"city\":\"Paris\",\"forecast\":\"sunny\",\"celsius\":21}";
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }
}
