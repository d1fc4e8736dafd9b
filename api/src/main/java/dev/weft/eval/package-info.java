/**
 * Evaluations, the Java counterpart of Weave's {@code weave.Evaluation}: a dataset of rows, scorers and
 * a model, run in parallel, traced as Weave's call tree and summarized in Weave's summary format.
 *
 * <pre>{@code
 * Evaluation qa = Evaluation.builder()
 *     .name("QA")
 *     .dataset(List.of(Map.of("input", "What is 2 + 2?", "target", "4")))
 *     .scorer("exact_match", (row, output) -> row.get("target").equals(output))
 *     .build();
 * EvaluationResult result = qa.evaluate("llama", row -> ask((String) row.get("input")));
 * System.out.println(result.table());
 * }</pre>
 *
 * <p>Rows may be records ({@link dev.weft.eval.Evaluation.Builder#datasetOf}), scorers {@code @Op}
 * methods ({@link dev.weft.eval.Evaluation.Builder#scorers}), the model an object with a {@code predict}
 * method ({@link dev.weft.eval.Evaluation#evaluate(Object)}) or a model id behind an OpenAI-compatible API
 * ({@link dev.weft.eval.OpenAiModel}); {@link dev.weft.eval.Leaderboard} ranks models across results and
 * publishes its definition to the trace server.
 */
package dev.weft.eval;
