package dev.weft.exporter.weave;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The canonical attributes Weft puts on spans inside the process. Each exporter maps them to its
 * backend's keys in one place ({@link WeaveSpanExporter} for Weave).
 *
 * <p>Model calls also carry the standard OpenTelemetry GenAI attributes, whose keys are here too so
 * that producers and exporters share one spelling.
 */
public final class WeftAttributes {

  /** The call's inputs: the text of a JSON object, argument name to value. */
  public static final AttributeKey<String> INPUTS = stringKey("weft.inputs");

  /** The call's output: JSON text (any JSON value). */
  public static final AttributeKey<String> OUTPUT = stringKey("weft.output");

  /** What the call is: one of {@link #KIND_LLM}, {@link #KIND_TOOL}, {@link #KIND_AGENT},
   * {@link #KIND_SEARCH}, {@link #KIND_GUARDRAIL}. */
  public static final AttributeKey<String> KIND = stringKey("weft.kind");

  /** A name to show for the call instead of its op name (the span name). */
  public static final AttributeKey<String> DISPLAY_NAME = stringKey("weft.display_name");

  /** User attributes (tags) of the call: the text of a JSON object. */
  public static final AttributeKey<String> ATTRIBUTES = stringKey("weft.attributes");

  /** The conversation thread the call belongs to. */
  public static final AttributeKey<String> THREAD_ID = stringKey("weft.thread_id");

  /** Whether the call is a turn of its thread (a top-level exchange with the user). */
  public static final AttributeKey<Boolean> IS_TURN = booleanKey("weft.is_turn");

  /** {@link #KIND} of a model call. */
  public static final String KIND_LLM = "llm";

  /** {@link #KIND} of a tool call. */
  public static final String KIND_TOOL = "tool";

  /** {@link #KIND} of an agent step. */
  public static final String KIND_AGENT = "agent";

  /** {@link #KIND} of a search or retrieval. */
  public static final String KIND_SEARCH = "search";

  /** {@link #KIND} of a guardrail check. */
  public static final String KIND_GUARDRAIL = "guardrail";

  /** GenAI: the operation, e.g. {@code chat}, {@code embeddings}. */
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");

  /** GenAI: the provider, e.g. {@code openai}. */
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");

  /** GenAI: the model the request asked for. */
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");

  /** GenAI: the requested sampling temperature. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE =
      doubleKey("gen_ai.request.temperature");

  /** GenAI: the requested nucleus sampling probability. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");

  /** GenAI: the requested maximum number of output tokens. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS =
      longKey("gen_ai.request.max_tokens");

  /** GenAI: the id the provider gave the response. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");

  /** GenAI: the model that actually answered. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");

  /** GenAI: why generation stopped, one entry per choice. */
  public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");

  /** GenAI: tokens in the prompt. */
  public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
      longKey("gen_ai.usage.input_tokens");

  /** GenAI: tokens generated. */
  public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
      longKey("gen_ai.usage.output_tokens");

  /** The host name of the inference API that was called. */
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");

  /** The port of the inference API that was called. */
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");

  private WeftAttributes() {}
}
