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
  CHAT_COMPLETIONS("openai.chat.completions.create", "chat"),
  COMPLETIONS("openai.completions.create", "text_completion"),
  EMBEDDINGS("openai.embeddings.create", "embeddings"),
  RESPONSES("openai.responses.create", "chat");

  private final String opName;
  private final String genAiOperationName;

  LlmOperation(String opName, String genAiOperationName) {
    this.opName = opName;
    this.genAiOperationName = genAiOperationName;
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
