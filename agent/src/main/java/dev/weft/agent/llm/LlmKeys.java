package dev.weft.agent.llm;

/**
 * The attribute keys this package produces. They are the canonical keys of
 * {@code dev.weft.exporter.weave.WeftAttributes} (spelled again here so that this package stays
 * free of OpenTelemetry types), plus the few model-call keys that class does not name.
 */
public final class LlmKeys {
  public static final String INPUTS = "weft.inputs";
  public static final String OUTPUT = "weft.output";
  public static final String KIND = "weft.kind";
  public static final String KIND_LLM = "llm";
  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
  public static final String GEN_AI_REQUEST_TEMPERATURE = "gen_ai.request.temperature";
  public static final String GEN_AI_REQUEST_TOP_P = "gen_ai.request.top_p";
  public static final String GEN_AI_REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
  /** Boolean; not in WeftAttributes. */
  public static final String GEN_AI_REQUEST_STREAM = "gen_ai.request.stream";
  public static final String GEN_AI_RESPONSE_ID = "gen_ai.response.id";
  public static final String GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";
  public static final String GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  /** The {@code OpenAI-Project} request header; not in WeftAttributes. */
  public static final String OPENAI_PROJECT = "openai.project";
  /** Long; not in WeftAttributes. */
  public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";

  private LlmKeys() {}
}
