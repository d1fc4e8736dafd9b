package dev.weft.agent.it.app;

import dev.weft.Kind;
import dev.weft.Op;
import dev.weft.Weft;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small app with every shape of {@code @Op} the agent must handle. It prints what it computes, so a
 * run with the agent can be compared with a run without it.
 */
public class PipelineApp {

  /** A value object captured as output. */
  public static final class Answer {
    private final String text;
    private final int score;

    Answer(String text, int score) {
      this.text = text;
      this.score = score;
    }

    public String getText() {
      return text;
    }

    public int getScore() {
      return score;
    }

    @Override
    public String toString() {
      return text + "(" + score + ")";
    }
  }

  interface Tool {
    @Op(kind = Kind.TOOL)
    default String describe(String topic) {
      return "tool:" + topic;
    }
  }

  static class Retriever implements Tool {
    @Op(kind = Kind.SEARCH, displayName = "Retrieve documents")
    List<String> retrieve(String query, int limit) {
      return List.of(query + "-doc1", query + "-doc2").subList(0, limit);
    }
  }

  static class CachingRetriever extends Retriever {
    @Op
    @Override
    List<String> retrieve(String query, int limit) {
      return super.retrieve(query.toLowerCase(), limit);
    }
  }

  @Op(name = "pipeline", kind = Kind.AGENT)
  public Answer run(String question, String apiKey) {
    Retriever retriever = new CachingRetriever();
    List<String> docs = retriever.retrieve(question, 2);
    String described = retriever.describe("weather");
    int depth = countdown(3);
    String joined = first(docs) + "|" + described + "|" + depth;
    return new Answer(joined, score(joined.length()));
  }

  @Op
  static int countdown(int n) {
    return n == 0 ? 0 : 1 + countdown(n - 1);
  }

  @Op
  private static <T> T first(List<T> items) {
    return items.get(0);
  }

  @Op(captureInputs = false, captureOutput = false)
  private int score(int length) {
    return length * 2;
  }

  @Op
  static void fail(String why) {
    throw new IllegalStateException("failed: " + why);
  }

  @Op
  static CompletableFuture<String> later(ExecutorService pool, String value) {
    return CompletableFuture.supplyAsync(() -> value.toUpperCase(), pool);
  }

  public static void main(String[] args) throws Exception {
    Answer answer = new PipelineApp().run("Weather", "sk-very-secret");
    System.out.println("answer=" + answer);
    try {
      fail("on purpose");
    } catch (IllegalStateException e) {
      System.out.println("caught=" + e.getMessage());
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    System.out.println("later=" + later(pool, "async").get());
    pool.shutdown();
    int total;
    try (Weft.Scope ignored = Weft.attributes(Map.of("env", "test"))) {
      total = Weft.op("facade", Map.of("a", 2, "b", 3), () -> 2 + 3);
    }
    System.out.println("facade=" + total);
  }
}
