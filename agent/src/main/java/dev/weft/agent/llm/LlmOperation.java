package dev.weft.agent.llm;

/**
 * The OpenAI-style operations Weft records as model calls, with the op name Weave's OpenAI
 * integration gives them and their OpenTelemetry GenAI operation name.
 *
 * <p>The Responses API is a chat-style API: like the OpenTelemetry OpenAI instrumentation it is
 * recorded as {@code chat} ({@code generate_content} is documented for Gemini-style multimodal
 * generation).
 */
public enum LlmOperation {
  CHAT_COMPLETIONS("openai.chat.completions.create", "chat", "chat"),
  COMPLETIONS("openai.completions.create", "text_completion", "completions"),
  EMBEDDINGS("openai.embeddings.create", "embeddings", "embeddings"),
  RESPONSES("openai.responses.create", "chat", "responses");

  private final String opName;
  private final String genAiOperationName;
  private final String settingName;

  LlmOperation(String opName, String genAiOperationName, String settingName) {
    this.opName = opName;
    this.genAiOperationName = genAiOperationName;
    this.settingName = settingName;
  }

  /** The name {@code weft.llm.paths} uses, e.g. {@code chat} in {@code /v1/generate=chat}. */
  public String settingName() {
    return settingName;
  }

  /** The operation {@code weft.llm.paths} calls {@code name}, or null. */
  public static LlmOperation ofSettingName(String name) {
    for (LlmOperation operation : values()) {
      if (operation.settingName.equals(name)) {
        return operation;
      }
    }
    return null;
  }

  /** The span name, e.g. {@code openai.chat.completions.create}. */
  public String opName() {
    return opName;
  }

  /** The value of {@code gen_ai.operation.name}, e.g. {@code chat}. */
  public String genAiOperationName() {
    return genAiOperationName;
  }
}
