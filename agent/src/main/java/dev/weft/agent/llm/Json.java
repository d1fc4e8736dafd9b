package dev.weft.agent.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;

/** The shared Jackson factory and a few streaming-read helpers. */
final class Json {
  /**
   * Bodies are already in memory, so a long string costs no more than its body: lift Jackson's
   * 20M-char string limit. Surrogate pairs go out as 4-byte UTF-8: emoji are common in prompts.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .build())
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private Json() {}

  /** The current value as text when it is a string, else null (the value is skipped). */
  static String string(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** The current value when it is an integral number, else null (the value is skipped). */
  static Long integer(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) p.getDoubleValue();
    }
    p.skipChildren();
    return null;
  }

  /** The current value when it is a number, else null (the value is skipped). */
  static Double decimal(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    p.skipChildren();
    return null;
  }

  /** The current value when it is a boolean, else null (the value is skipped). */
  static Boolean bool(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    p.skipChildren();
    return null;
  }
}
