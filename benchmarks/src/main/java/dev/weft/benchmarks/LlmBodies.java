package dev.weft.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of the model-call benchmark, shared by the client ({@link LlmCallBenchmark}) and the server
 * ({@link LlmStandIn}): OpenAI chat requests and replies padded to an exact size with plain text in the
 * message content, and a streamed reply as server-sent events.
 */
final class LlmBodies {
  static final String PATH = "/v1/chat/completions";
  static final int SMALL = 1024;
  static final int LARGE = 100 * 1024;
  /** Content events in a streamed reply, before the usage-only event (when asked for) and [DONE]. */
  static final int STREAM_EVENTS = 8;

  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  private static final String TEXT = "Weft traces model calls made over OkHttp and the JDK HttpClient as llm spans, "
      + "with the request as inputs, the reply as output and the token usage. ";

  private LlmBodies() {}

  /** A chat request of exactly {@code bytes} bytes (its user message padded), streamed or not. */
  static byte[] request(int bytes, boolean stream) {
    String head = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\",\"content\":"
        + "\"You are a concise assistant.\"},{\"role\":\"user\",\"content\":\"";
    String tail = "\"}],\"temperature\":0.2,\"max_tokens\":512" + (stream ? ",\"stream\":true}" : "}");
    return padded(head, tail, bytes);
  }

  /** A chat.completion of exactly {@code bytes} bytes (its assistant message padded). */
  static byte[] reply(int bytes) {
    String head = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1764000000,\"model\":\""
        + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
    String tail = "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + bytes / 4
        + ",\"completion_tokens\":" + bytes / 4 + ",\"total_tokens\":" + bytes / 2 + "}}";
    return padded(head, tail, bytes);
  }

  /** Event {@code i} of {@value #STREAM_EVENTS}: a chat.completion.chunk with a few words of content. */
  static byte[] event(int i) {
    String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"Weft \"}" : "{\"content\":\"traces call " + i + ". \"}";
    String finish = i == STREAM_EVENTS - 1 ? "\"stop\"" : "null";
    return sse("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\""
        + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}");
  }

  /** The usage-only event a server adds when the request sets {@code stream_options.include_usage}. */
  static byte[] usageEvent() {
    return sse("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\""
        + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":240,\"completion_tokens\":24,\"total_tokens\":264}}");
  }

  static byte[] done() {
    return "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sse(String json) {
    return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] padded(String head, String tail, int bytes) {
    int room = bytes - head.length() - tail.length();
    if (room < 0) {
      throw new IllegalArgumentException(bytes + " bytes is too small for a chat body");
    }
    StringBuilder json = new StringBuilder(bytes).append(head);
    while (room > 0) {
      int n = Math.min(room, TEXT.length());
      json.append(TEXT, 0, n);
      room -= n;
    }
    return json.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }
}
