package dev.weft.agent.it.app;

import dev.weft.eval.Evaluation;
import dev.weft.eval.EvaluationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's QA evaluation with {@code exact_match}: {@code function} evaluates a plain function
 * answering two of three rows right; {@code standin <baseUrl> <parallelism>} evaluates a model behind an
 * OpenAI-compatible server over the JDK HttpClient, given {@code {"prompt": input}} as in the seed.
 */
public class EvalApp {
  static final List<Map<String, Object>> QA = List.of(
      Map.of("input", "What is 2 + 2?", "target", "4"),
      Map.of("input", "Name a primary color.", "target", "red"),
      Map.of("input", "What is the capital of France?", "target", "Paris"));
  private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  public static void main(String[] args) {
    boolean standIn = args.length > 0 && args[0].equals("standin");
    int parallelism = standIn ? Integer.parseInt(args[2]) : 1;
    Evaluation qa = Evaluation.builder()
        .name("QA")
        .dataset(QA)
        .scorer("exact_match", (row, output) ->
            String.valueOf(row.get("target")).strip().equalsIgnoreCase(String.valueOf(output).strip()) ? 1.0 : 0.0)
        .parallelism(parallelism)
        .preprocessModelInput(row -> standIn ? Map.of("prompt", row.get("input")) : row)
        .build();
    EvaluationResult result = standIn
        ? qa.evaluate("meta-llama/Llama-3.1-8B-Instruct", chat(args[1], "meta-llama/Llama-3.1-8B-Instruct"))
        : qa.evaluate("answer", row -> row.get("target").equals("red") ? "blue" : row.get("target"));
    System.out.println("exact_match=" + result.summary().get("exact_match"));
    System.out.println("errors=" + result.errorCount());
    System.out.print(result.table());
  }

  private static Function<Map<String, Object>, Object> chat(String baseUrl, String model) {
    HttpClient client = HttpClient.newHttpClient();
    return row -> {
      String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
          + row.get("prompt") + "\"}]}";
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer test-key")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        Matcher m = CONTENT.matcher(response.body());
        return m.find() ? m.group(1) : "";
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
