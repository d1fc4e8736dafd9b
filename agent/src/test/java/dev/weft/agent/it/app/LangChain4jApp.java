package dev.weft.agent.it.app;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.weft.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LangChain4j's OpenAI chat models (on the JDK HttpClient, their default) pointed at the stand-in,
 * each call under an {@code @Op}. Prints what LangChain4j hands the app. Argument: the base URL.
 */
public class LangChain4jApp {
  public static final String KEY = "sk-lc4j-very-secret";
  public static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  public static final String QUESTION = "Tell me a joke.";

  private final String baseUrl;

  LangChain4jApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) throws Exception {
    LangChain4jApp app = new LangChain4jApp(args[0]);
    app.blocking();
    app.streaming();
    app.failing();
  }

  @Op
  void blocking() {
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(KEY).projectId("team/lc4j")
        .modelName(MODEL).temperature(0.5).maxRetries(0).build();
    ChatResponse response = model.chat(UserMessage.from(QUESTION));
    System.out.println("blocking: " + response.aiMessage().text() + " | " + response.tokenUsage()
        + " | " + response.finishReason() + " | " + response.id());
  }

  @Op
  void streaming() {
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(KEY)
        .projectId("team/lc4j").modelName(MODEL).build();
    List<String> partials = new ArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(QUESTION, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.add(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse response = done.join();
    System.out.println("streaming: " + partials + " | " + response.aiMessage().text() + " | "
        + response.tokenUsage() + " | " + response.finishReason() + " | " + response.id());
  }

  @Op
  void failing() {
    OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("sk-lc4j-wrong-secret")
        .modelName(MODEL).maxRetries(0).build();
    try {
      model.chat(QUESTION);
    } catch (RuntimeException e) {
      System.out.println("failing: " + e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
