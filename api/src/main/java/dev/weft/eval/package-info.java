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
 */
package dev.weft.eval;
