package dev.weft.server.ingest;

import java.util.List;

/**
 * The attribute keys Weave's OTLP ingestion reads, in its order of precedence
 * (wandb/weave {@code weave/trace_server/opentelemetry/constants.py}): the first key present wins.
 */
final class WeaveKeys {

  /** Where inputs come from: Vercel, OTel GenAI, OpenInference, MLflow, Logfire, ..., generic. */
  static final List<String> INPUTS = List.of("ai.prompt", "gen_ai.prompt", "input.value",
      "mlflow.spanInputs", "gen_ai.input.messages", "pydantic_ai.all_messages",
      "traceloop.entity.input", "gcp.vertex.agent.tool_call_args", "gcp.vertex.agent.llm_request",
      "events.gen_ai.user.message", "input", "inputs");

  /** Where the output comes from. */
  static final List<String> OUTPUTS = List.of("ai.response", "gen_ai.completion", "output.value",
      "gen_ai.output.messages", "mlflow.spanOutputs", "final_result", "gen_ai.content.completion",
      "traceloop.entity.output", "gcp.vertex.agent.tool_response", "gcp.vertex.agent.llm_response",
      "events.gen_ai.choice", "output", "outputs");

  static final List<String> PROMPT_TOKENS =
      List.of("gen_ai.usage.prompt_tokens", "llm.token_count.prompt", "ai.usage.promptTokens");
  static final List<String> INPUT_TOKENS = List.of("gen_ai.usage.input_tokens");
  static final List<String> COMPLETION_TOKENS = List.of("gen_ai.usage.completion_tokens",
      "llm.token_count.completion", "ai.usage.completionTokens");
  static final List<String> OUTPUT_TOKENS = List.of("gen_ai.usage.output_tokens");
  static final List<String> TOTAL_TOKENS = List.of("llm.usage.total_tokens", "llm.token_count.total");

  /** Call attributes Weave derives: name in the call's attributes, keys it is read from. */
  static final List<List<String>> ATTRIBUTES = List.of(
      List.of("system", "gen_ai.system", "llm.system", "gen_ai.system_instructions", "system_prompt"),
      List.of("kind", "weave.span.kind", "traceloop.span.kind", "openinference.span.kind"),
      List.of("model", "gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "ai.model.id"),
      List.of("provider", "llm.provider", "ai.model.provider"),
      List.of("model_parameters", "gen_ai.request", "llm.invocation_parameters"),
      List.of("agent", "gen_ai.agent.name"),
      List.of("tools", "gen_ai.agent.tools"),
      List.of("operation", "gen_ai.operation.name"));

  static final List<String> DISPLAY_NAME = List.of("wandb.display_name");
  static final List<String> THREAD_ID = List.of("gcp.vertex.agent.session_id", "wandb.thread_id");
  static final List<String> IS_TURN = List.of("gcp.vertex.agent.session_id", "wandb.is_turn");
  static final List<String> USER_ATTRIBUTES = List.of("wandb.attributes");

  /** Weave's limits: longer op names are shortened with a hash, display names cut. */
  static final int MAX_OP_NAME = 128;
  static final int MAX_DISPLAY_NAME = 1024;

  private WeaveKeys() {}
}
