package dev.weft.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link OpenAiStandIn} answers: pure functions from a request's JSON to the reply's text,
 * tool call and token counts. Everything is deterministic so tests can predict it.
 */
final class StandInReplies {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Known questions (normalised: trimmed, lower-case, single spaces) and their exact answers. */
  static final Map<String, String> ANSWERS = answers();

  static final String REPLY_PREFIX = "Stand-in reply to: ";
  static final String TOOL_RESULT_PREFIX = "Stand-in answer from the tool result: ";
  /** Echoed text is cut to this many characters, followed by "…". */
  static final int ECHO_CHARS = 200;
  static final int DEFAULT_DIMENSIONS = 8;

  private StandInReplies() {}

  /** One answer: text or a tool call, and its token counts. */
  record Reply(String content, ToolCall toolCall, long promptTokens, long completionTokens) {
    long totalTokens() {
      return promptTokens + completionTokens;
    }
  }

  record ToolCall(String id, String name, String arguments) {}

  private static Map<String, String> answers() {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("what is 2 + 2?", "4");
    answers.put("name a primary color.", "red");
    answers.put("what is the capital of france?", "Paris");
    answers.put("what is 3 + 5?", "8");
    answers.put("tell me a joke.",
        "Why don't scientists trust atoms? Because they make up everything.");
    answers.put("say this is a test", "This is a test.");
    answers.put("what is the largest planet in the solar system?", "Jupiter");
    answers.put("how many legs does a spider have?", "8");
    answers.put("what is the chemical symbol for gold?", "Au");
    return Map.copyOf(answers);
  }

  /**
   * Where a model answers differently from {@link #ANSWERS}: the small Llama is wordy on two questions,
   * so an evaluation with {@code exact_match} ranks it below the others.
   */
  static final Map<String, Map<String, String>> MODEL_ANSWERS = Map.of("meta-llama/Llama-3.1-8B-Instruct",
      Map.of("what is the largest planet in the solar system?", "The largest planet is Jupiter.",
          "how many legs does a spider have?", "Eight"));

  /** The answer {@code model} gives to a user message. */
  static String answer(String model, String userText) {
    Map<String, String> own = MODEL_ANSWERS.get(model);
    String known = own == null || userText == null ? null : own.get(normalise(userText));
    return known != null ? known : answer(userText);
  }

  /** The answer to a user message: from {@link #ANSWERS}, else an echo of it. */
  static String answer(String userText) {
    if (userText == null || userText.isBlank()) {
      return "Stand-in reply.";
    }
    String known = ANSWERS.get(normalise(userText));
    return known != null ? known : REPLY_PREFIX + cap(userText.strip());
  }

  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** Words (whitespace-separated) × 1.3, rounded: a stand-in for a tokenizer. */
  static long tokens(String text) {
    String stripped = text == null ? "" : text.strip();
    long words = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    return Math.round(words * 1.3);
  }

  static Reply chat(JsonNode request, String callId) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    String role = last.path("role").asText("");
    List<String> texts = new ArrayList<>();
    messages.forEach(message -> texts.add(text(message.path("content"))));
    long prompt = tokens(String.join(" ", texts));
    String userText = lastText(messages, "user");
    JsonNode tools = request.path("tools");
    if (tools.isArray() && !tools.isEmpty() && role.equals("user")
        && !"none".equals(request.path("tool_choice").asText(""))) {
      JsonNode function = tools.get(0).path("function");
      String arguments = arguments(function.path("parameters"), userText);
      ToolCall call = new ToolCall(callId, function.path("name").asText(), arguments);
      return new Reply(null, call, prompt, Math.max(1, tokens(arguments)));
    }
    String content = role.equals("tool")
        ? TOOL_RESULT_PREFIX + cap(text(last.path("content")))
        : answer(request.path("model").asText(""), userText);
    return new Reply(content, null, prompt, Math.max(1, tokens(content)));
  }

  static Reply completion(JsonNode request) {
    JsonNode prompt = request.path("prompt");
    String text = prompt.isArray() ? text(prompt.path(0)) : text(prompt);
    String content = answer(text);
    return new Reply(content, null, tokens(text), Math.max(1, tokens(content)));
  }

  static Reply responses(JsonNode request) {
    JsonNode input = request.path("input");
    String userText = input.isTextual() ? input.asText() : lastText(input, "user");
    List<String> texts = new ArrayList<>();
    texts.add(text(request.path("instructions")));
    if (input.isTextual()) {
      texts.add(userText);
    } else {
      input.forEach(item -> texts.add(text(item.path("content"))));
    }
    String content = answer(userText);
    return new Reply(content, null, tokens(String.join(" ", texts)),
        Math.max(1, tokens(content)));
  }

  /** The text of a message content: a string, or the text parts of an array of parts. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> parts = new ArrayList<>();
    if (content.isArray()) {
      content.forEach(part -> {
        if (part.isTextual()) {
          parts.add(part.asText());
        } else if (part.path("text").isTextual()) {
          parts.add(part.path("text").asText());
        }
      });
    }
    return String.join(" ", parts);
  }

  private static String lastText(JsonNode messages, String role) {
    String found = null;
    for (JsonNode message : messages) {
      if (role.equals(message.path("role").asText())) {
        found = text(message.path("content"));
      }
    }
    return found;
  }

  /**
   * Tool arguments for the required parameters (all when none is required): a string gets the
   * user's message, an enum its first value, a number 1, a boolean true.
   */
  static String arguments(JsonNode parameters, String userText) {
    JsonNode properties = parameters.path("properties");
    List<String> names = new ArrayList<>();
    JsonNode required = parameters.path("required");
    if (required.isArray() && !required.isEmpty()) {
      required.forEach(name -> names.add(name.asText()));
    } else {
      properties.fieldNames().forEachRemaining(names::add);
    }
    ObjectNode arguments = JSON.createObjectNode();
    for (String name : names) {
      JsonNode schema = properties.path(name);
      if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
        arguments.set(name, schema.path("enum").get(0));
        continue;
      }
      switch (schema.path("type").asText("string")) {
        case "number", "integer" -> arguments.put(name, 1);
        case "boolean" -> arguments.put(name, true);
        case "array" -> arguments.putArray(name);
        case "object" -> arguments.putObject(name);
        default -> arguments.put(name, userText == null ? "" : cap(userText.strip()));
      }
    }
    return arguments.toString();
  }

  /** Texts to embed: a string, strings, or token arrays (shown as their numbers). */
  static List<String> embeddingInputs(JsonNode input) {
    List<String> texts = new ArrayList<>();
    if (input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
      input.forEach(item -> texts.add(item.isTextual() ? item.asText() : item.toString()));
    } else {
      texts.add(input.isTextual() ? input.asText() : input.toString());
    }
    return texts;
  }

  /** A unit vector derived from the SHA-256 of the text, 6 decimals per component. */
  static double[] vector(String text, int dimensions) {
    double[] v = new double[dimensions];
    double norm = 0;
    byte[] seed = sha256(text.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < dimensions; i++) {
      byte[] block = sha256(concat(seed, i));
      int bits = ByteBuffer.wrap(block).getInt();
      v[i] = bits / (double) Integer.MAX_VALUE;
      norm += v[i] * v[i];
    }
    double length = Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      v[i] = Math.round(v[i] / length * 1e6) / 1e6;
    }
    return v;
  }

  static JsonNode embedding(double[] vector, boolean base64) {
    if (base64) {
      ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (double d : vector) {
        buffer.putFloat((float) d);
      }
      return JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(buffer.array()));
    }
    ArrayNode array = JSON.createArrayNode();
    for (double d : vector) {
      array.add(d);
    }
    return array;
  }

  private static String cap(String text) {
    return text.length() <= ECHO_CHARS ? text : text.substring(0, ECHO_CHARS) + "\u2026";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] concat(byte[] seed, int i) {
    return ByteBuffer.allocate(seed.length + 4).put(seed).putInt(i).array();
  }
}
