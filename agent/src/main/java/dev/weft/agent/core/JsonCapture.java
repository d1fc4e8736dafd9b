package dev.weft.agent.core;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.weft.agent.core.BoundedOutput.BudgetExceeded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a traced method's arguments and return value as JSON text, safely for any object: it
 * never throws, reads app objects only through bean getters, record accessors, public fields,
 * collection iteration and (for opaque objects) toString, and stays within a byte budget.
 *
 * <p>A rendering that would exceed the budget is abandoned as soon as its output passes it, then
 * retried with tighter caps; if even the tightest does not fit, the result is a small object
 * {@code {"_weft_truncated":"inputs over N bytes"}}. Thread-safe and reusable.
 */
final class JsonCapture {
  static final String TRUNCATED_KEY = "_weft_truncated";
  static final String ERROR_KEY = "_weft_error";

  /** Caps of the degraded attempts: {maxStringChars, maxItems, maxDepth}. */
  private static final int[][] DEGRADED_CAPS = {{1_024, 100, 8}, {128, 10, 4}};
  /** The smallest valid JSON object, "{}": smaller budgets are raised to it. */
  private static final int MIN_BYTES = 2;

  // Surrogate pairs as 4-byte UTF-8 rather than two 6-byte escapes: emoji are common in prompts.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private final CaptureLimits limits;
  private final Redactor redactor;
  private final int[][] attempts;

  JsonCapture(CaptureLimits limits, Redactor redactor) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.attempts = attempts(limits);
  }

  /**
   * A JSON object of parameter name to value. Missing names (null array, shorter array, null
   * element) become {@code arg0, arg1, ...}; a secret name gets {@code "REDACTED"}.
   */
  String inputs(String[] names, Object[] values, int maxBytes) {
    return capture(new Arguments(names, values), "inputs", maxBytes);
  }

  /** A JSON object of the map's entries, rendered like any captured map. */
  String inputs(Map<String, ?> inputs, int maxBytes) {
    return capture(new InputMap(inputs), "inputs", maxBytes);
  }

  /** JSON text of any value; an over-budget value becomes the truncation object. */
  String value(Object value, int maxBytes) {
    return capture(new Single(value), "value", maxBytes);
  }

  private static int[][] attempts(CaptureLimits limits) {
    List<int[]> attempts = new ArrayList<>();
    int[] configured = {limits.getMaxStringChars(), limits.getMaxItems(), limits.getMaxDepth()};
    attempts.add(configured);
    for (int[] degraded : DEGRADED_CAPS) {
      int[] previous = attempts.get(attempts.size() - 1);
      int[] caps = new int[3];
      for (int i = 0; i < 3; i++) {
        caps[i] = Math.min(configured[i], degraded[i]);
      }
      if (!Arrays.equals(caps, previous)) {
        attempts.add(caps);
      }
    }
    return attempts.toArray(new int[0][]);
  }

  private String capture(Payload payload, String what, int maxBytes) {
    int budget = Math.max(MIN_BYTES, Math.min(maxBytes, limits.getMaxPayloadBytes()));
    Throwable failure = null;
    for (int[] caps : attempts) {
      try {
        String json = attempt(payload, caps, budget);
        if (json != null) {
          return json;
        }
        failure = null;
      } catch (Throwable t) { // a bug or a StackOverflowError: smaller caps may still succeed
        Markers.swallowed(t);
        failure = t;
      }
    }
    return failure == null
        ? fallback(TRUNCATED_KEY, what + " over " + budget + " bytes", budget)
        : fallback(ERROR_KEY, what + " not captured: " + plain(failure.getClass()), budget);
  }

  /** The JSON text, or null when it would exceed {@code budget}. */
  private String attempt(Payload payload, int[] caps, int budget) throws IOException {
    BoundedOutput out = new BoundedOutput(budget);
    JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    try {
      payload.writeTo(new ValueWriter(gen, redactor, caps[0], caps[1], caps[2]));
      gen.close(); // flushes the tail, which may itself exceed the budget
      return out.toUtf8();
    } catch (BudgetExceeded e) {
      closeAbandoned(out, gen);
      return null;
    }
  }

  /** Closing returns Jackson's buffers to its pool; the abandoned sink swallows the flush. */
  private static void closeAbandoned(BoundedOutput out, JsonGenerator gen) {
    out.abandon();
    try {
      gen.close();
    } catch (Throwable ignored) {
      // the attempt is already discarded
    }
  }

  /** A class name as safe JSON string content without escaping (JVM names may hold anything). */
  private static String plain(Class<?> type) {
    StringBuilder sb = new StringBuilder(Markers.simpleName(type));
    for (int i = 0; i < sb.length(); i++) {
      if (!Character.isJavaIdentifierPart(sb.charAt(i)) || Character.isISOControl(sb.charAt(i))) {
        sb.setCharAt(i, '?');
      }
    }
    return sb.toString();
  }

  /** Our own text, safe without escaping; "{}" if even this does not fit. */
  private static String fallback(String key, String message, int budget) {
    String json = "{\"" + key + "\":\"" + message + "\"}";
    return json.getBytes(StandardCharsets.UTF_8).length <= budget ? json : "{}";
  }

  /** What to render; a class rather than a lambda keeps invokedynamic out of the agent. */
  private abstract static class Payload {
    abstract void writeTo(ValueWriter writer) throws IOException;
  }

  private static final class Arguments extends Payload {
    private final String[] names;
    private final Object[] values;

    Arguments(String[] names, Object[] values) {
      this.names = names;
      this.values = values;
    }

    @Override
    void writeTo(ValueWriter writer) throws IOException {
      writer.writeArguments(names, values);
    }
  }

  private static final class InputMap extends Payload {
    private final Map<String, ?> inputs;

    InputMap(Map<String, ?> inputs) {
      this.inputs = inputs;
    }

    @Override
    void writeTo(ValueWriter writer) throws IOException {
      writer.writeInputMap(inputs);
    }
  }

  private static final class Single extends Payload {
    private final Object value;

    Single(Object value) {
      this.value = value;
    }

    @Override
    void writeTo(ValueWriter writer) throws IOException {
      writer.write(value, 0);
    }
  }
}
