package dev.weft.samples;

import dev.weft.Call;
import dev.weft.Op;
import dev.weft.eval.Evaluation;
import dev.weft.eval.EvaluationResult;
import dev.weft.eval.Leaderboard;
import dev.weft.eval.OpenAiModel;
import dev.weft.testing.OpenAiStandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The W&B Inference docs' "Evaluations and Leaderboards" example in Java: two models on a small
 * question-answer dataset with an {@code exact_match} scorer, then a leaderboard. Run it with {@code
 * -javaagent:weft-agent.jar} and the runs appear as evaluations in Weave or the local UI.
 *
 * <p>With {@code WANDB_API_KEY} set the models are W&B Inference's ({@code OpenAI-Project} from {@code
 * weft.project}/{@code WANDB_PROJECT}); otherwise an offline, deterministic stand-in answers on
 * 127.0.0.1, so the sample runs anywhere (its Llama is wordy on two questions, so the models score apart).
 */
public final class EvaluationSample {

  static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3-0324";

  /** A dataset row. */
  public record Question(String input, String target) {}

  static final List<Question> DATASET = List.of(
      new Question("What is 2 + 2?", "4"),
      new Question("Name a primary color.", "red"),
      new Question("What is the capital of France?", "Paris"),
      new Question("What is the largest planet in the solar system?", "Jupiter"),
      new Question("How many legs does a spider have?", "8"),
      new Question("What is the chemical symbol for gold?", "Au"));

  /** The docs' {@code WBInferenceModel}: a model id and an {@code @Op predict(prompt)}. */
  public record WBInferenceModel(String model, OpenAiModel client) {
    @Op
    public String predict(String prompt) {
      return (String) client.apply(Map.of("prompt", prompt));
    }
  }

  /** The docs' scorer. */
  public static final class Scorers {
    @Op(name = "exact_match")
    public double exact_match(String target, String output) {
      return target.strip().equalsIgnoreCase(output.strip()) ? 1.0 : 0.0;
    }
  }

  private EvaluationSample() {}

  public static void main(String[] args) {
    String key = System.getenv("WANDB_API_KEY");
    OpenAiStandIn standIn = null;
    if (key == null || key.isBlank()) {
      standIn = OpenAiStandIn.start();
      System.out.println("WANDB_API_KEY is not set: the models are an OFFLINE STAND-IN at " + standIn.baseUrl()
          + " (deterministic canned answers, not real models).");
    } else {
      System.out.println("Models: W&B Inference at " + OpenAiModel.WANDB_INFERENCE_URL);
    }
    try {
      run(standIn);
    } finally {
      if (standIn != null) {
        standIn.close();
      }
    }
  }

  static void run(OpenAiStandIn standIn) {
    Evaluation evaluation = Evaluation.builder()
        .name("QA")
        .datasetOf(DATASET)
        .scorers(new Scorers())
        .preprocessModelInput(row -> Map.of("prompt", row.get("input")))
        .build();
    List<EvaluationResult> results = new ArrayList<>();
    for (String model : List.of(LLAMA, DEEPSEEK)) {
      EvaluationResult result = evaluation.evaluate(new WBInferenceModel(model, client(model, standIn)));
      System.out.println();
      System.out.print(result.table());
      results.add(result);
    }
    Leaderboard leaderboard = Leaderboard.builder()
        .name("Inference Leaderboard")
        .description("Compare models on a QA dataset")
        .column("QA", "exact_match", "mean")
        .column("QA", "model_latency", "mean", true)
        .build();
    leaderboard.publish();
    System.out.println();
    System.out.print(leaderboard.table(results));
    System.out.println();
    printLinks(results);
  }

  private static OpenAiModel client(String model, OpenAiStandIn standIn) {
    if (standIn == null) {
      return OpenAiModel.wandbInference(model);
    }
    return OpenAiModel.builder().baseUrl(standIn.baseUrl()).apiKey("stand-in-key").model(model).build();
  }

  /** Links to the runs: Weave's call pages, or the local UI's evaluation, compare and leaderboard pages. */
  static void printLinks(List<EvaluationResult> results) {
    Call first = results.get(0).call();
    if (!first.isValid()) {
      System.out.println("Not traced: run with -javaagent:weft-agent.jar to see the evaluations in Weave or the local UI.");
      return;
    }
    int at = first.link().indexOf("/r/call/");
    boolean local = at > 0 && !first.link().startsWith("https://wandb.ai");
    List<String> ids = new ArrayList<>();
    for (EvaluationResult result : results) {
      ids.add(result.call().id());
      String link = local ? first.link().substring(0, at) + "/evaluations/" + result.call().id() : result.call().link();
      System.out.println(String.format(Locale.ROOT, "%-12s%-34s %s", "evaluation", result.modelName(), link));
    }
    if (local) {
      String project = first.link().substring(0, at);
      System.out.println(String.format(Locale.ROOT, "%-12s%s/evaluations/compare?ids=%s", "compare", project,
          String.join(",", ids)));
      System.out.println(String.format(Locale.ROOT, "%-12s%s/leaderboard", "leaderboard", project));
    }
  }
}
