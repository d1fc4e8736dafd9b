package dev.weft.benchmarks;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An endless, stateless stream of Weft-style spans cut into OTLP export requests the way the agent's
 * {@code BatchSpanProcessor} sends them: spans in end order (children before parents), 512 per
 * request, so a trace may straddle two requests. Every trace has 10 spans: a root op, a retriever,
 * two agent steps with three LLM calls (model and usage) and a tool call, a formatter and a
 * guardrail; {@code inputs}/{@code output} are JSON text of a few hundred bytes; ids look random.
 * Request {@code k} depends only on {@code k} and the stream's seed, so client threads build requests
 * independently.
 */
final class SpanStream {

  static final int SPANS_PER_TRACE = 10;
  static final int BATCH = 512;
  /** Root op names, one per trace in turn; {@link #FILTER_OP} is one of four. */
  static final List<String> ROOT_OPS =
      List.of("pipeline.answer", "agent.research", "pipeline.summarize", "agent.support");
  static final String FILTER_OP = "agent.research";
  /** Topics of the root questions, one per trace in turn; {@link #SEARCH_TERM} is one of 100. */
  static final String SEARCH_TERM = "photosynthesis";
  static final String PROJECT = "bench/server";

  private static final long TRACE_SPACING_NS = 50_000_000L; // a trace every 50 ms of "app time"
  private static final List<String> TOPICS = topics();
  private static final String[] MODELS = {"openai/gpt-oss-120b", "meta-llama/Llama-3.1-8B-Instruct",
      "Qwen/Qwen3-235B-A22B-Instruct-2507"};
  // Span index in a trace -> parent index (-1 = root), in end order: children end first.
  private static final int[] PARENT = {-1, 0, 0, 2, 2, 2, 0, 6, 0, 0};
  private static final int[] END_ORDER = {1, 3, 4, 5, 2, 7, 6, 8, 9, 0};
  private static final String[] NAMES = {null, "retriever.search", "agent.step", "openai.chat",
      "tool.lookup_order", "openai.chat", "agent.step", "openai.chat", "answer.format", "guard.check"};
  private static final String[] KINDS = {"agent", "search", "agent", "llm", "tool", "llm", "agent",
      "llm", null, "guardrail"};

  private final long seed;
  private final long startNs;
  private final Resource resource;

  /** A stream whose ids derive from {@code seed}, its first trace starting at {@code startNs}. */
  SpanStream(long seed, long startNs) {
    this.seed = seed;
    this.startNs = startNs;
    this.resource = Resource.newBuilder()
        .addAttributes(attr("service.name", "bench-pipeline"))
        .addAttributes(attr("telemetry.sdk.language", "java"))
        .addAttributes(attr("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(attr("telemetry.sdk.version", "1.68.0"))
        .addAttributes(attr("host.name", "bench-host"))
        .addAttributes(attr("process.runtime.version", "17.0.15"))
        .addAttributes(attr("wandb.entity", PROJECT.split("/")[0]))
        .addAttributes(attr("wandb.project", PROJECT.split("/")[1]))
        .build();
  }

  /** Request {@code k}: spans {@code 512k .. 512k+511} of the stream. */
  ExportTraceServiceRequest request(long k) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("dev.weft.agent").setVersion("0.1.0"));
    for (long s = k * BATCH; s < (k + 1) * BATCH; s++) {
      scope.addSpans(span(s / SPANS_PER_TRACE, END_ORDER[(int) (s % SPANS_PER_TRACE)]));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  private Span span(long trace, int index) {
    long traceStart = startNs + trace * TRACE_SPACING_NS;
    long start = traceStart + index * 40_000_000L;
    long end = index == 0 ? traceStart + 2_000_000_000L : start + 30_000_000L + trace % 7 * 1_000_000L;
    if (PARENT[index] == 2 || PARENT[index] == 6) {
      end = start + 20_000_000L;
    }
    Span.Builder span = Span.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(spanId(trace, index))
        .setName(index == 0 ? ROOT_OPS.get((int) (trace % ROOT_OPS.size())) : NAMES[index])
        .setKind(index == 0 ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end)
        .addAttributes(attr("code.function.name", "com.example.Pipeline.step" + index))
        .addAttributes(attr("thread.name", "worker-" + trace % 8));
    if (PARENT[index] >= 0) {
      span.setParentSpanId(spanId(trace, PARENT[index]));
    }
    if (KINDS[index] != null) {
      span.addAttributes(attr("weave.span.kind", KINDS[index]));
    }
    if ("llm".equals(KINDS[index])) {
      llm(span, trace, index);
    } else {
      span.addAttributes(attr("inputs", inputs(trace, index)));
      span.addAttributes(attr("output", output(trace, index)));
    }
    return span.build();
  }

  private static void llm(Span.Builder span, long trace, int index) {
    String model = MODELS[(int) ((trace + index) % MODELS.length)];
    long prompt = 300 + (trace * 31 + index) % 900;
    long completion = 40 + (trace * 17 + index) % 400;
    span.addAttributes(attr("inputs", "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a"
        + " careful assistant. Answer with facts from the context only and cite the order id.\"},"
        + "{\"role\":\"user\",\"content\":\"Context: order " + trace + " shipped on day " + trace % 28
        + " from warehouse " + trace % 13 + ". Question: " + question(trace) + "\"}],\"model\":\""
        + model + "\",\"temperature\":0.2,\"max_tokens\":512}"))
        .addAttributes(attr("output", "{\"id\":\"chatcmpl-" + trace + "-" + index + "\",\"choices\":"
            + "[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"The order " + trace + " shipped on day " + trace % 28 + "; it should arrive within"
            + " three business days of dispatch.\"}}],\"model\":\"" + model + "\"}"))
        .addAttributes(attr("gen_ai.system", "openai"))
        .addAttributes(attr("gen_ai.request.model", model))
        .addAttributes(attr("gen_ai.response.model", model))
        .addAttributes(attr("gen_ai.usage.prompt_tokens", prompt))
        .addAttributes(attr("gen_ai.usage.completion_tokens", completion))
        .addAttributes(attr("llm.usage.total_tokens", prompt + completion))
        .addAttributes(attr("server.address", "api.inference.wandb.ai"));
  }

  private static String inputs(long trace, int index) {
    if (index == 0) {
      return "{\"question\":\"" + question(trace) + "\",\"user_id\":\"user-" + trace % 5000
          + "\",\"options\":{\"top_k\":5,\"max_tokens\":512,\"temperature\":0.2,\"language\":\"en\"},"
          + "\"history\":[\"Where is my order?\",\"It is order " + trace + ", placed last week.\"]}";
    }
    return "{\"query\":\"order " + trace + " step " + index + "\",\"limit\":5,\"filters\":{\"region\":"
        + "\"eu-west\",\"tenant\":\"acme-" + trace % 50 + "\"},\"trace_note\":\"intermediate input of"
        + " a benchmark pipeline step, padded to a realistic size for captured arguments\"}";
  }

  private static String output(long trace, int index) {
    if (index == 0) {
      return "{\"answer\":\"Order " + trace + " shipped on day " + trace % 28 + " and should arrive"
          + " within three business days.\",\"sources\":[\"kb/shipping.md\",\"orders/" + trace
          + "\"],\"confidence\":0.87,\"tokens\":{\"prompt\":1234,\"completion\":321}}";
    }
    return "{\"items\":[{\"id\":\"doc-" + (trace * 10 + index) + "\",\"score\":0.91,\"title\":"
        + "\"Shipping times by region\"},{\"id\":\"doc-" + (trace * 10 + index + 1) + "\",\"score\":"
        + "0.72,\"title\":\"Returns and refunds\"}],\"count\":2,\"elapsed_ms\":" + (trace % 90) + "}";
  }

  private static String question(long trace) {
    return "How does " + TOPICS.get((int) (trace % TOPICS.size())) + " affect the delivery of order "
        + trace + "?";
  }

  // Ids look random, as the SDK's are (they land all over the id indexes), and are unique: mix is a
  // bijection, applied to a value unique per (seed < 2^19, trace < 2^40, index < 16).
  private ByteString traceId(long trace) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(mix(seed ^ mix(trace)))
        .putLong(mix((seed << 40) ^ trace)).array());
  }

  private ByteString spanId(long trace, int index) {
    long unique = (seed << 44) ^ (trace << 4) ^ index;
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(mix(unique)).array());
  }

  // SplitMix64's finalizer: a bijection on 64-bit values that maps only 0 to 0.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  // 100 topics; only SEARCH_TERM contains "photosynthesis", so 1 trace in 100 matches it.
  private static List<String> topics() {
    List<String> topics = new java.util.ArrayList<>();
    topics.add(SEARCH_TERM);
    for (int i = 1; i < 100; i++) {
      topics.add("weather zone " + i);
    }
    return List.copyOf(topics);
  }
}
