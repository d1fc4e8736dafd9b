package dev.weft.eval;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A model id behind an OpenAI-compatible chat completions API (W&B Inference by default), as a model
 * for {@link Evaluation#evaluate(String, Function)}: the row's {@code prompt} field (see {@link
 * Builder#inputField}) is sent as the user message and the reply's content is the output. A failed
 * request throws {@code IllegalStateException("HTTP <status>: <body>")}, so 429 and 5xx are retried.
 * Uses the JDK's {@code HttpClient}, which the agent traces as a model call.
 *
 * <pre>{@code
 * OpenAiModel llama = OpenAiModel.wandbInference("meta-llama/Llama-3.1-8B-Instruct");
 * qa.evaluate(llama.model(), llama);
 * }</pre>
 */
public final class OpenAiModel implements Function<Map<String, Object>, Object> {
  /** W&B Inference's OpenAI-compatible base URL. */
  public static final String WANDB_INFERENCE_URL = "https://api.inference.wandb.ai/v1";

  private final String baseUrl;
  private final String apiKey;
  private final String project;
  private final String model;
  private final String inputField;
  private final String systemPrompt;
  private final Duration timeout;
  private final HttpClient client;

  private OpenAiModel(Builder b) {
    this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
    this.apiKey = b.apiKey;
    this.project = b.project;
    this.model = b.model;
    this.inputField = b.inputField;
    this.systemPrompt = b.systemPrompt;
    this.timeout = b.timeout;
    this.client = HttpClient.newBuilder().connectTimeout(b.timeout).build();
  }

  /** A builder; base URL and model are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code model} on W&B Inference, with the key from {@code WANDB_API_KEY} and the project ({@code
   * OpenAI-Project} header) from {@code weft.project}, {@code WEFT_PROJECT} or {@code WANDB_PROJECT}.
   *
   * @throws IllegalStateException when {@code WANDB_API_KEY} is not set
   */
  public static OpenAiModel wandbInference(String model) {
    String key = System.getenv("WANDB_API_KEY");
    if (key == null || key.trim().isEmpty()) {
      throw new IllegalStateException("WANDB_API_KEY is not set: get a key at https://wandb.ai/authorize");
    }
    Builder builder = builder().baseUrl(WANDB_INFERENCE_URL).apiKey(key.trim()).model(model);
    for (String project : new String[] {System.getProperty("weft.project"), System.getenv("WEFT_PROJECT"),
        System.getenv("WANDB_PROJECT")}) {
      if (project != null && !project.trim().isEmpty()) {
        return builder.project(project.trim()).build();
      }
    }
    return builder.build();
  }

  /** The model id sent with every request. */
  public String model() {
    return model;
  }

  /** Asks the model; see the class description. */
  @Override
  public Object apply(Map<String, Object> input) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MiniJson.write(body(input))));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (!project.isEmpty()) {
      request.header("OpenAI-Project", project);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(model + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(model + ": interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String text = response.body();
      throw new IllegalStateException("HTTP " + response.statusCode() + ": "
          + (text.length() > 500 ? text.substring(0, 500) + "…" : text));
    }
    return content(response.body());
  }

  private Map<String, Object> body(Map<String, Object> input) {
    Object prompt = input.containsKey(inputField) ? input.get(inputField)
        : input.size() == 1 ? input.values().iterator().next() : null;
    if (prompt == null) {
      throw new IllegalArgumentException("no '" + inputField + "' in the model input " + input.keySet()
          + "; set preprocessModelInput or inputField");
    }
    List<Object> messages = new ArrayList<>();
    if (!systemPrompt.isEmpty()) {
      messages.add(message("system", systemPrompt));
    }
    messages.add(message("user", String.valueOf(prompt)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", messages);
    return body;
  }

  private static Map<String, Object> message(String role, String content) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", role);
    message.put("content", content);
    return message;
  }

  static String content(String body) {
    Object choices = ((Map<?, ?>) MiniJson.read(body)).get("choices");
    Object first = choices instanceof List && !((List<?>) choices).isEmpty() ? ((List<?>) choices).get(0) : null;
    Object message = first instanceof Map ? ((Map<?, ?>) first).get("message") : null;
    Object content = message instanceof Map ? ((Map<?, ?>) message).get("content") : null;
    if (content == null) {
      throw new IllegalStateException("the reply has no choices[0].message.content: "
          + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
    return content.toString();
  }

  @Override
  public String toString() {
    return "OpenAiModel{model=" + model + ", baseUrl=" + baseUrl + ", project=" + project + ", apiKey="
        + (apiKey.isEmpty() ? "none" : "OBFUSCATED") + "}";
  }

  /** Builds an {@link OpenAiModel}. */
  public static final class Builder {
    private String baseUrl = WANDB_INFERENCE_URL;
    private String apiKey = "";
    private String project = "";
    private String model;
    private String inputField = "prompt";
    private String systemPrompt = "";
    private Duration timeout = Duration.ofSeconds(120);

    private Builder() {}

    /** The API's base URL, e.g. {@code https://api.inference.wandb.ai/v1}; default W&B Inference. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The key sent as {@code Authorization: Bearer <key>}; default none. Never printed. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** {@code team/project}, sent as {@code OpenAI-Project} (W&B Inference bills and limits per project). */
    public Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      return this;
    }

    /** The model id (required), e.g. {@code meta-llama/Llama-3.1-8B-Instruct}. */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The model input's field sent as the user message; default {@code prompt}. */
    public Builder inputField(String inputField) {
      this.inputField = Objects.requireNonNull(inputField, "inputField");
      return this;
    }

    /** A system message sent first; default none. */
    public Builder systemPrompt(String systemPrompt) {
      this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
      return this;
    }

    /** Connect and request timeout; default 120 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Builds the model.
     *
     * @throws IllegalStateException without a model id
     */
    public OpenAiModel build() {
      if (model == null || model.isEmpty()) {
        throw new IllegalStateException("model is required");
      }
      return new OpenAiModel(this);
    }
  }
}
