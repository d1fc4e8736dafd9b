package dev.weft.samples;

import dev.weft.Kind;
import dev.weft.Op;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small question-answering pipeline, the shape of a typical LLM app: retrieve documents, call a tool,
 * draft an answer with a model, check it with a guardrail. Every step is an {@code @Op}; run it with
 * {@code -javaagent:weft-agent.jar} and each call becomes a span in one trace.
 *
 * <p>The "model" here is a deterministic stand-in so the sample runs anywhere; model calls through
 * real clients are traced by the agent without any annotation.
 */
public final class PipelineSample {

  /** A retrieved document. */
  public record Document(String id, String text, double score) {}

  /** The pipeline's answer. */
  public record Answer(String question, String text, List<String> sources) {}

  private static final List<Document> CORPUS = List.of(
      new Document("doc-1", "W&B Inference serves open models behind an OpenAI-compatible API.", 0),
      new Document("doc-2", "Weave traces every call of a decorated function as a call with inputs and output.", 0),
      new Document("doc-3", "Weft brings Weave-style tracing to the JVM with a Java agent.", 0),
      new Document("doc-4", "Llama 3.1 8B Instruct is a small, fast instruction-tuned model.", 0));

  @Op(kind = Kind.SEARCH)
  List<Document> retrieve(String query, int limit) {
    List<Document> ranked = new ArrayList<>();
    for (Document d : CORPUS) {
      ranked.add(new Document(d.id(), d.text(), overlap(query, d.text())));
    }
    ranked.sort(Comparator.comparingDouble(Document::score).reversed());
    return ranked.subList(0, limit);
  }

  @Op(kind = Kind.TOOL)
  int wordCount(String text) {
    return text.trim().split("\\s+").length;
  }

  @Op(kind = Kind.LLM, displayName = "draft answer")
  String draft(String question, List<Document> context, String apiKey) {
    return "Based on " + context.size() + " documents: " + context.get(0).text();
  }

  @Op(kind = Kind.GUARDRAIL)
  boolean grounded(String answer, List<Document> context) {
    return context.stream().anyMatch(d -> answer.contains(d.text()));
  }

  @Op(name = "answer_question", kind = Kind.AGENT)
  Answer answer(String question) {
    if (question.isBlank()) {
      throw new IllegalArgumentException("question is empty");
    }
    List<Document> docs = retrieve(question, 2);
    String text = draft(question, docs, "sk-sample-key-never-shown");
    if (!grounded(text, docs) || wordCount(text) > 60) {
      throw new IllegalStateException("answer is not grounded");
    }
    return new Answer(question, text, docs.stream().map(Document::id).toList());
  }

  private static double overlap(String query, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    double score = 0;
    for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (word.length() > 2 && lower.contains(word)) {
        score++;
      }
    }
    return score;
  }

  public static void main(String[] args) {
    String project = System.getProperty("weft.project", System.getenv().getOrDefault("WEFT_PROJECT", "weft/samples"));
    Weft.init(project);
    PipelineSample pipeline = new PipelineSample();
    List<String> questions = args.length > 0 ? List.of(args)
        : List.of("How does Weft trace Java code?", "What does W&B Inference serve?");
    try (Weft.Scope ignored = Weft.attributes(Map.of("sample", "pipeline", "env", "local"))) {
      for (String q : questions) {
        Answer a = pipeline.answer(q);
        System.out.println("Q: " + a.question());
        System.out.println("A: " + a.text() + " " + a.sources());
      }
      try {
        pipeline.answer("");
      } catch (RuntimeException e) {
        System.out.println("An empty question fails as it should: " + e);
      }
    }
    if (!Weft.isActive()) {
      System.out.println("(not traced: run with -javaagent:agent/target/weft-agent.jar)");
    }
  }
}
