package dev.weft.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonCaptureScalarsTest {
  private static final int MIB = 1_048_576;
  private final JsonCapture capture =
      new JsonCapture(CaptureLimits.defaults(), Redactor.defaults());

  @Test
  void nullIsJsonNull() {
    assertThat(value(null)).isEqualTo("null");
  }

  @Test
  void stringsAreEscaped() {
    assertThat(value("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    assertThat(value(new StringBuilder("built"))).isEqualTo("\"built\"");
  }

  @Test
  void emojiAreWrittenAsPlainUtf8() {
    assertThat(value("hi \uD83D\uDE00")).isEqualTo("\"hi \uD83D\uDE00\"");
  }

  @Test
  void longStringsAreCutWithAMarkerSayingHowMuchWasCut() {
    assertThat(withStringChars(5).value("abcdefghij", MIB))
        .isEqualTo("\"abcde\u2026[truncated 5 chars]\"");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    assertThat(withStringChars(3).value("ab\uD83D\uDE00cd", MIB))
        .isEqualTo("\"ab\u2026[truncated 4 chars]\"");
  }

  @Test
  void aFiftyMegabyteStringIsTruncatedAndTheCallStaysUnderBudget() {
    String huge = "x".repeat(50_000_000);

    String json = capture.inputs(new String[] {"prompt"}, new Object[] {huge}, MIB);

    assertThat(json).isEqualTo(
        "{\"prompt\":\"" + "x".repeat(16_384) + "\u2026[truncated 49983616 chars]\"}");
    assertThat(JsonAssertions.utf8Length(json)).isLessThanOrEqualTo(MIB);
  }

  @Test
  void booleansAreJsonBooleansAndCharactersAreStrings() {
    assertThat(value(true)).isEqualTo("true");
    assertThat(value(new AtomicBoolean(false))).isEqualTo("false");
    assertThat(value('x')).isEqualTo("\"x\"");
  }

  @Test
  void numbersAreJsonNumbers() {
    assertThat(value(42)).isEqualTo("42");
    assertThat(value(-7L)).isEqualTo("-7");
    assertThat(value((short) 3)).isEqualTo("3");
    assertThat(value((byte) -1)).isEqualTo("-1");
    assertThat(value(1.5d)).isEqualTo("1.5");
    assertThat(value(0.1f)).isEqualTo("0.1");
    assertThat(value(1e20)).isEqualTo("1.0E20");
    assertThat(value(new BigDecimal("123.4500"))).isEqualTo("123.4500");
    assertThat(value(new BigDecimal("1E+3"))).isEqualTo("1E+3");
    assertThat(value(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(value(new AtomicInteger(5))).isEqualTo("5");
    assertThat(value(new AtomicLong(6))).isEqualTo("6");
    LongAdder adder = new LongAdder();
    adder.add(9);
    assertThat(value(adder)).isEqualTo("9");
  }

  @Test
  void nonFiniteNumbersBecomeStringsBecauseJsonHasNoNaN() {
    assertThat(value(Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(value(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(value(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    assertThat(value(new double[] {1.5, Double.NaN})).isEqualTo("[1.5,\"NaN\"]");
  }

  @Test
  void hugeBigIntegersAreNotConvertedToDecimal() {
    assertThat(value(BigInteger.ONE.shiftLeft(100_000)))
        .isEqualTo("\"<BigInteger: 100001 bits>\"");
  }

  @Test
  void userNumberSubclassesUseTheirTextWhenItIsANumber() {
    assertThat(value(new TextNumber("7.25"))).isEqualTo("7.25");
    assertThat(value(new TextNumber("seven"))).isEqualTo("\"seven\"");
    assertThat(value(new TextNumber(null)))
        .isEqualTo("\"<error: IllegalStateException: no text>\"");
  }

  @Test
  void enumsRenderAsTheirNameEvenWithABodyOrToString() {
    assertThat(value(Color.RED)).isEqualTo("\"RED\"");
    assertThat(value(Color.GREEN)).isEqualTo("\"GREEN\"");
  }

  @Test
  void javaTimeValuesUseIso8601() {
    assertThat(value(Instant.parse("2024-05-06T07:08:09.123Z")))
        .isEqualTo("\"2024-05-06T07:08:09.123Z\"");
    assertThat(value(LocalDate.of(2024, 5, 6))).isEqualTo("\"2024-05-06\"");
    assertThat(value(LocalDateTime.of(2024, 5, 6, 7, 8))).isEqualTo("\"2024-05-06T07:08\"");
    assertThat(value(ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneId.of("Europe/Paris"))))
        .isEqualTo("\"2024-05-06T07:08:09+02:00[Europe/Paris]\"");
    assertThat(value(Duration.ofSeconds(90))).isEqualTo("\"PT1M30S\"");
    assertThat(value(ZoneId.of("UTC"))).isEqualTo("\"UTC\"");
  }

  @Test
  void legacyDatesBecomeInstants() {
    assertThat(value(new Date(0))).isEqualTo("\"1970-01-01T00:00:00Z\"");
    assertThat(value(java.sql.Date.valueOf("2024-05-06"))).isEqualTo("\"2024-05-06\"");
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(86_400_000L);
    assertThat(value(calendar)).isEqualTo("\"1970-01-02T00:00:00Z\"");
  }

  @Test
  void identifiersAndHandlesUseTheirCanonicalText() throws Exception {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(value(uuid)).isEqualTo("\"123e4567-e89b-12d3-a456-426614174000\"");
    assertThat(value(URI.create("https://example.com/a?b=c")))
        .isEqualTo("\"https://example.com/a?b=c\"");
    assertThat(value(new URL("https://example.com/x"))).isEqualTo("\"https://example.com/x\"");
    assertThat(value(new File("dir" + File.separator + "f.txt")))
        .isEqualTo(capture.value("dir" + File.separator + "f.txt", MIB));
    assertThat(value(Path.of("dir", "f.txt")))
        .isEqualTo(capture.value("dir" + File.separator + "f.txt", MIB));
    assertThat(value(Locale.US)).isEqualTo("\"en-US\"");
    assertThat(value(Currency.getInstance("EUR"))).isEqualTo("\"EUR\"");
    assertThat(value(Pattern.compile("a+b"))).isEqualTo("\"a+b\"");
    assertThat(value(String.class)).isEqualTo("\"java.lang.String\"");
  }

  @Test
  void optionalsRenderTheirValueOrNull() {
    assertThat(value(Optional.of("x"))).isEqualTo("\"x\"");
    assertThat(value(Optional.of(List.of(1, 2)))).isEqualTo("[1,2]");
    assertThat(value(Optional.empty())).isEqualTo("null");
    assertThat(value(OptionalInt.of(3))).isEqualTo("3");
    assertThat(value(OptionalLong.empty())).isEqualTo("null");
    assertThat(value(OptionalDouble.of(Double.NaN))).isEqualTo("\"NaN\"");
  }

  @Test
  void byteAndCharArraysShowOnlyTheirSize() {
    byte[] bytes = new byte[12_345];
    bytes[0] = 'A';

    assertThat(value(bytes)).isEqualTo("\"<byte[12345]>\"");
    assertThat(value("hunter22".toCharArray())).isEqualTo("\"<char[8]>\"");
  }

  @Test
  void otherPrimitiveArraysAreJsonArrays() {
    assertThat(value(new int[] {1, 2, 3})).isEqualTo("[1,2,3]");
    assertThat(value(new long[] {4L})).isEqualTo("[4]");
    assertThat(value(new short[] {5})).isEqualTo("[5]");
    assertThat(value(new float[] {0.5f})).isEqualTo("[0.5]");
    assertThat(value(new boolean[] {true, false})).isEqualTo("[true,false]");
    assertThat(value(new int[0])).isEqualTo("[]");
  }

  private String value(Object value) {
    return capture.value(value, MIB);
  }

  private static JsonCapture withStringChars(int maxStringChars) {
    return new JsonCapture(
        CaptureLimits.builder().setMaxStringChars(maxStringChars).build(), Redactor.defaults());
  }

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green!";
      }
    }
  }

  /** A Number from app code: its methods are app code too. */
  static final class TextNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    TextNumber(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      if (text == null) {
        throw new IllegalStateException("no text");
      }
      return text;
    }

    @Override
    public int intValue() {
      return 0;
    }

    @Override
    public long longValue() {
      return 0;
    }

    @Override
    public float floatValue() {
      return 0;
    }

    @Override
    public double doubleValue() {
      return 0;
    }
  }
}
