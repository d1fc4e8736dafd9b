package dev.weft.exporter.weave;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a span carrying Weft's canonical attributes to exactly what Weave's OTLP ingestion reads
 * (weave/trace_server/opentelemetry/: constants.py, attributes.py, python_spans.py, helpers.py).
 * A pure function of the span and the configured {@code team/project}.
 *
 * <ul>
 *   <li>{@code weft.*} keys are renamed to Weave's keys ({@link #RENAMES}).
 *   <li>Usage: GenAI input/output tokens become prompt/completion tokens plus a total, and the
 *       input/output keys are dropped: Weave adds both pairs, so sending both double-counts cost.
 *   <li>Weave takes inputs (output) from the first key present in a priority list that has
 *       {@code input.value}, {@code gen_ai.input.messages} and others ahead of {@code inputs}
 *       ({@code output}); when a span has Weft's own inputs (output), those keys are dropped.
 *   <li>No key may be both a leaf and a prefix of another key, or Weave rejects the span.
 *   <li>The resource gets {@code wandb.entity} and {@code wandb.project}.
 * </ul>
 */
final class WeaveSpanMapping {

  static final String INPUTS = "inputs";
  static final String OUTPUT = "output";
  static final String PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";
  static final String COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";
  static final AttributeKey<Long> TOTAL_TOKENS = longKey("llm.usage.total_tokens");
  static final AttributeKey<String> ENTITY = stringKey("wandb.entity");
  static final AttributeKey<String> PROJECT = stringKey("wandb.project");

  /** Weft key to Weave key; the value and its type carry over. */
  static final Map<String, String> RENAMES = renames();

  // Weave's INPUT_KEYS / OUTPUT_KEYS ahead of "inputs" / "output" (constants.py), matched with their
  // dotted children since Weave looks keys up in the expanded tree.
  private static final List<String> AHEAD_OF_INPUTS = List.of("ai.prompt", "gen_ai.prompt",
      "input.value", "mlflow.spanInputs", "gen_ai.input.messages", "pydantic_ai.all_messages",
      "traceloop.entity.input", "gcp.vertex.agent.tool_call_args", "gcp.vertex.agent.llm_request",
      "events.gen_ai.user.message", "input");
  private static final List<String> AHEAD_OF_OUTPUT = List.of("ai.response", "gen_ai.completion",
      "output.value", "gen_ai.output.messages", "mlflow.spanOutputs", "final_result",
      "gen_ai.content.completion", "traceloop.entity.output", "gcp.vertex.agent.tool_response",
      "gcp.vertex.agent.llm_response", "events.gen_ai.choice");
  // Span events Weave also searches for inputs / output (as "events.<name>") ahead of ours.
  private static final String INPUT_EVENT = "gen_ai.user.message";
  private static final String OUTPUT_EVENT = "gen_ai.choice";

  /** Keys Weave reads: they keep their names when a path conflict is resolved. */
  static final Set<String> WEAVE_KEYS = Set.of(INPUTS, OUTPUT, "weave.span.kind",
      "wandb.display_name", "wandb.attributes", "wandb.thread_id", "wandb.is_turn", PROMPT_TOKENS,
      COMPLETION_TOKENS, TOTAL_TOKENS.getKey(), "gen_ai.request.model", "gen_ai.response.model");

  private final String entity;
  private final String project;
  // The last resource mapped: every span of one SDK shares one Resource instance.
  private volatile MappedResource lastResource = new MappedResource(null, null);

  WeaveSpanMapping(String entity, String project) {
    this.entity = entity;
    this.project = project;
  }

  SpanData map(SpanData span) {
    Attributes attributes = mapAttributes(span.getAttributes());
    List<EventData> events = mapEvents(span.getEvents(),
        span.getAttributes().get(WeftAttributes.INPUTS) != null,
        span.getAttributes().get(WeftAttributes.OUTPUT) != null);
    return new MappedSpanData(span, attributes, mapResource(span.getResource()), events);
  }

  Resource mapResource(Resource resource) {
    MappedResource last = lastResource;
    if (last.original == resource) {
      return last.mapped;
    }
    Resource mapped = resource.toBuilder().put(ENTITY, entity).put(PROJECT, project).build();
    Attributes safe = AttributeMap.withoutPathConflicts(mapped.getAttributes(), Set.of());
    if (safe != mapped.getAttributes()) {
      mapped = Resource.create(safe, mapped.getSchemaUrl());
    }
    lastResource = new MappedResource(resource, mapped);
    return mapped;
  }

  static Attributes mapAttributes(Attributes attributes) {
    AttributeMap in = AttributeMap.of(attributes);
    boolean hasInputs = in.has(WeftAttributes.INPUTS.getKey());
    boolean hasOutput = in.has(WeftAttributes.OUTPUT.getKey());
    AttributeMap out = new AttributeMap();
    attributes.forEach((key, value) -> {
      String name = key.getKey();
      boolean shadowing = (hasInputs && matchesAny(name, AHEAD_OF_INPUTS))
          || (hasOutput && matchesAny(name, AHEAD_OF_OUTPUT));
      if (!RENAMES.containsKey(name) && !isGenAiUsage(name) && !shadowing) {
        out.put(key, value);
      }
    });
    RENAMES.forEach((from, to) -> {
      if (in.has(from)) {
        out.putRenamed(in.key(from), to, weaveValue(to, in.value(from)));
      }
    });
    mapUsage(in, out);
    out.resolvePathConflicts(WEAVE_KEYS);
    return out.build();
  }

  // Weave keeps one of each pair: prompt/completion if the span has them, else input/output.
  static void mapUsage(AttributeMap in, AttributeMap out) {
    String input = WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS.getKey();
    String output = WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS.getKey();
    if (!out.has(PROMPT_TOKENS) && in.has(input)) {
      out.putRenamed(in.key(input), PROMPT_TOKENS, in.value(input));
    }
    if (!out.has(COMPLETION_TOKENS) && in.has(output)) {
      out.putRenamed(in.key(output), COMPLETION_TOKENS, in.value(output));
    }
    Object prompt = out.value(PROMPT_TOKENS);
    Object completion = out.value(COMPLETION_TOKENS);
    if (!out.has(TOTAL_TOKENS.getKey()) && prompt instanceof Long && completion instanceof Long) {
      out.put(TOTAL_TOKENS, (Long) prompt + (Long) completion);
    }
  }

  // Weave shows a plain string as is but keeps JSON text that is not an object or array as text:
  // a JSON string output ("\"hi\"") is sent as the string it stands for.
  static Object weaveValue(String weaveKey, Object value) {
    if (!OUTPUT.equals(weaveKey) || !(value instanceof String)) {
      return value;
    }
    String text = JsonText.unquote((String) value);
    boolean wouldParseAsJson = text != null && (text.startsWith("{") || text.startsWith("["));
    return text == null || wouldParseAsJson ? value : text;
  }

  static List<EventData> mapEvents(List<EventData> events, boolean hasInputs, boolean hasOutput) {
    List<EventData> mapped = new ArrayList<>(events.size());
    boolean changed = false;
    for (EventData event : events) {
      if ((hasInputs && INPUT_EVENT.equals(event.getName()))
          || (hasOutput && OUTPUT_EVENT.equals(event.getName()))) {
        changed = true;
        continue;
      }
      Attributes safe = AttributeMap.withoutPathConflicts(event.getAttributes(), Set.of());
      if (safe != event.getAttributes()) {
        int dropped = event.getTotalAttributeCount() - event.getAttributes().size();
        event = EventData.create(event.getEpochNanos(), event.getName(), safe, safe.size() + dropped);
        changed = true;
      }
      mapped.add(event);
    }
    return changed ? mapped : events;
  }

  private static boolean isGenAiUsage(String name) {
    return name.equals(WeftAttributes.GEN_AI_USAGE_INPUT_TOKENS.getKey())
        || name.equals(WeftAttributes.GEN_AI_USAGE_OUTPUT_TOKENS.getKey());
  }

  private static boolean matchesAny(String name, List<String> keys) {
    for (String key : keys) {
      if (name.equals(key) || name.startsWith(key + ".")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> renames() {
    Map<String, String> renames = new LinkedHashMap<>();
    renames.put(WeftAttributes.INPUTS.getKey(), INPUTS);
    renames.put(WeftAttributes.OUTPUT.getKey(), OUTPUT);
    renames.put(WeftAttributes.KIND.getKey(), "weave.span.kind");
    renames.put(WeftAttributes.DISPLAY_NAME.getKey(), "wandb.display_name");
    renames.put(WeftAttributes.ATTRIBUTES.getKey(), "wandb.attributes");
    renames.put(WeftAttributes.THREAD_ID.getKey(), "wandb.thread_id");
    renames.put(WeftAttributes.IS_TURN.getKey(), "wandb.is_turn");
    return Collections.unmodifiableMap(renames);
  }

  private static final class MappedResource {
    final Resource original;
    final Resource mapped;

    MappedResource(Resource original, Resource mapped) {
      this.original = original;
      this.mapped = mapped;
    }
  }
}
