import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.weft.Op;

/**
 * Calls an OpenAI-compatible server with the official openai-java SDK, each call inside an {@code @Op},
 * and prints what it saw. Compiled against each openai-java version under test.
 * Args: base URL, API key.
 */
public class OpenAiApp {
  static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  static final String EMBEDDING_MODEL = "BAAI/bge-small-en-v1.5";

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String key = args[1];
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base).apiKey(key).project("team/openai")
        .maxRetries(0).build();
    OpenAIClient retrying = OpenAIOkHttpClient.builder().baseUrl(base).apiKey(key).project("team/openai").build();
    OpenAIClient wrongKey = OpenAIOkHttpClient.builder().baseUrl(base).apiKey("sk-wrong-secret-key")
        .project("team/openai").maxRetries(0).build();
    failing("rateLimited", client, MODEL);
    failing("serverError", client, MODEL);
    retried(retrying);
    failing("unauthorized", wrongKey, MODEL);
    failing("notFound", client, "no-such/model");
    chat(client);
    chatAsync(client);
    stream(client, false);
    stream(client, true);
    embed(client);
    respond(client);
    listModels(client);
    for (OpenAIClient c : new OpenAIClient[] {client, retrying, wrongKey}) {
      c.close();
    }
  }

  @Op
  static void failing(String label, OpenAIClient client, String model) {
    try {
      client.chat().completions().create(params(model, "Tell me a joke."));
      System.out.println(label + ": no error");
    } catch (OpenAIServiceException e) {
      System.out.println(label + ": " + e.getClass().getSimpleName() + " " + e.statusCode() + " " + e.getMessage());
    }
  }

  @Op
  static void retried(OpenAIClient client) {
    System.out.println("retried: " + client.chat().completions().create(params(MODEL, "Tell me a joke.")));
  }

  @Op
  static void chat(OpenAIClient client) {
    ChatCompletion completion = client.chat().completions().create(params(MODEL, "Tell me a joke."));
    System.out.println("chat: " + completion.choices().get(0).message().content().orElse("?"));
    System.out.println("chat: " + completion);
  }

  @Op
  static void chatAsync(OpenAIClient client) throws Exception {
    ChatCompletion completion = client.async().chat().completions()
        .create(params(MODEL, "What is the capital of France?")).get();
    System.out.println("async: " + completion);
  }

  @Op
  static void stream(OpenAIClient client, boolean includeUsage) {
    ChatCompletionCreateParams.Builder params = params(MODEL, "What is the capital of France?").toBuilder();
    if (includeUsage) {
      params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    }
    try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(params.build())) {
      chunks.stream().forEach(chunk -> System.out.println("stream(usage=" + includeUsage + ") | " + chunk));
    }
  }

  @Op
  static void embed(OpenAIClient client) {
    CreateEmbeddingResponse response = client.embeddings().create(
        EmbeddingCreateParams.builder().model(EMBEDDING_MODEL).input("The capital of France").build());
    System.out.println("embed: " + response.data().size() + " x " + response.data().get(0).embedding().size()
        + " " + response.usage());
  }

  @Op
  static void respond(OpenAIClient client) {
    Response response = client.responses().create(
        ResponseCreateParams.builder().model(MODEL).input("Tell me a joke.").build());
    System.out.println("respond: " + response.id() + " " + response.output().size() + " " + response.usage());
  }

  @Op
  static void listModels(OpenAIClient client) {
    System.out.println("models: " + client.models().list().data().size());
  }

  static ChatCompletionCreateParams params(String model, String question) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).build();
  }
}
