package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Proves capture output is one complete JSON document by parsing it back with Jackson. */
final class JsonAssertions {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonAssertions() {}

  /** Parses {@code json} fully and returns its first token; fails on any syntax error. */
  static JsonToken assertValidJson(String json) {
    try (JsonParser parser = FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
      JsonToken first = parser.nextToken();
      assertThat(first).as("first token of %s", json).isNotNull();
      parser.skipChildren();
      assertThat(parser.nextToken()).as("trailing content in %s", json).isNull();
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException("invalid JSON: " + json, e);
    }
  }

  static int utf8Length(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }
}
