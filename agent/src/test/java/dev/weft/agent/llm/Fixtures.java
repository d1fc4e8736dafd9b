package dev.weft.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/** Fixtures under src/test/resources/llm and small helpers shared by the tests. */
final class Fixtures {
  /** Like the agent's Redactor: a key is secret when, normalised, it ends with a secret word. */
  static final Predicate<String> IS_SECRET = key -> key.replaceAll("[_\\-. ]", "")
      .toLowerCase(Locale.ROOT)
      .matches(".*(apikey|authorization|password|passwd|secret|token|credentials?|cookie)");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/llm/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The JSON text without the whitespace between tokens (strings untouched). */
  static String compact(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        sb.append(c);
        if (c == '\\') {
          sb.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        sb.append(c);
      } else if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Fails unless {@code json} is exactly one valid JSON value. */
  static void assertValidJson(String json) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      p.skipChildren();
      assertThat(p.nextToken()).as("content after the JSON value").isNull();
    } catch (IOException e) {
      throw new AssertionError("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** The text with each LF replaced by CRLF. */
  static byte[] crlf(byte[] lf) {
    return utf8(utf8(lf).replace("\n", "\r\n"));
  }
}
