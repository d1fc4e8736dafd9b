package dev.weft.agent.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** Writes leaf values (text, numbers, labels) and converts map keys and Optionals. */
final class Scalars {
  private Scalars() {}

  /**
   * Writes values that contain no other captured values; false for containers and Optionals.
   */
  static boolean writeLeaf(JsonGenerator gen, Object value, ClassInfo.Kind kind, int maxChars)
      throws IOException {
    switch (kind) {
      case STRING:
      case TEXT:
        writeText(gen, value, maxChars);
        return true;
      case BOOLEAN:
        boolean flag = value instanceof Boolean ? (Boolean) value : ((AtomicBoolean) value).get();
        gen.writeBoolean(flag);
        return true;
      case CHARACTER:
        gen.writeString(value.toString());
        return true;
      case NUMBER:
        writeNumber(gen, (Number) value, maxChars);
        return true;
      case ENUM:
        gen.writeString(((Enum<?>) value).name());
        return true;
      case BYTES:
        gen.writeString(Markers.sized("byte", ((byte[]) value).length));
        return true;
      case CHARS:
        gen.writeString(Markers.sized("char", ((char[]) value).length));
        return true;
      case IDENTITY:
        gen.writeString(Markers.identity(value)); // a proxy's toString runs its handler
        return true;
      case OPAQUE:
        gen.writeString(label(value, maxChars));
        return true;
      default:
        return false;
    }
  }

  /** CharSequences and TEXT kinds; both may run app code (a CharSequence, a custom Path). */
  static void writeText(JsonGenerator gen, Object value, int maxChars) throws IOException {
    String text;
    try {
      CharSequence chars =
          value instanceof CharSequence ? (CharSequence) value : textOf(value);
      text = Markers.truncate(chars, maxChars);
    } catch (Throwable t) {
      text = Markers.error(t);
    }
    gen.writeString(text);
  }

  /**
   * Writes a number literal, or a string when the value has no JSON number form (NaN, Infinity, a
   * broken user subclass). Several JDK number classes are not final, so the literal is computed
   * under a catch before anything is written.
   */
  static void writeNumber(JsonGenerator gen, Number number, int maxChars) throws IOException {
    String literal;
    try {
      literal = literal(number, maxChars);
    } catch (Throwable t) {
      gen.writeString(Markers.error(t));
      return;
    }
    if (isJsonNumber(literal)) {
      gen.writeNumber(literal); // written raw: validated above
    } else {
      gen.writeString(literal);
    }
  }

  private static String literal(Number n, int maxChars) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
        || n instanceof LongAccumulator) {
      return Long.toString(n.longValue());
    }
    if (n instanceof Float) {
      return Float.toString(n.floatValue());
    }
    if (n instanceof Double || n instanceof DoubleAdder || n instanceof DoubleAccumulator) {
      return Double.toString(n.doubleValue());
    }
    // Decimal conversion of a huge BigInteger is super-linear: refuse before paying for it.
    if (n instanceof BigInteger) {
      int bits = ((BigInteger) n).bitLength();
      return bits / 3 > maxChars ? Markers.oversizedNumber(n.getClass(), bits) : n.toString();
    }
    if (n instanceof BigDecimal) {
      int bits = ((BigDecimal) n).unscaledValue().bitLength();
      return bits / 3 > maxChars ? Markers.oversizedNumber(n.getClass(), bits) : n.toString();
    }
    return Markers.truncate(String.valueOf(n), maxChars);
  }

  /** RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  static boolean isJsonNumber(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int start = i;
    i = digits(s, i);
    if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
      return false;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      int fraction = ++i;
      i = digits(s, i);
      if (i == fraction) {
        return false;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = i;
      i = digits(s, i);
      if (i == exponent) {
        return false;
      }
    }
    return i == s.length();
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** ISO-8601 or canonical text of a {@code ClassInfo.Kind.TEXT} value. */
  static String textOf(Object value) {
    if (value instanceof Date) {
      return dateText((Date) value);
    }
    if (value instanceof Calendar) {
      return ((Calendar) value).toInstant().toString();
    }
    if (value instanceof Locale) {
      return ((Locale) value).toLanguageTag();
    }
    if (value instanceof Currency) {
      return ((Currency) value).getCurrencyCode();
    }
    if (value instanceof Pattern) {
      return ((Pattern) value).pattern();
    }
    if (value instanceof Class) {
      return ((Class<?>) value).getName();
    }
    if (value instanceof File) {
      return ((File) value).getPath();
    }
    return String.valueOf(value); // java.time (ISO-8601), UUID, URI, URL, Path
  }

  private static String dateText(Date date) {
    try {
      return date.toInstant().toString();
    } catch (UnsupportedOperationException e) {
      return date.toString(); // java.sql.Date and Time have no instant; their text is ISO
    }
  }

  /**
   * toString() of an object rendered as a label (no properties, JDK class): cut short, and the
   * identity label when toString throws or returns null.
   */
  static String label(Object value, int maxChars) {
    try {
      String text = String.valueOf(value);
      if (text != null) {
        return Markers.truncate(text, Math.min(Markers.SHORT_STRING_CHARS, maxChars));
      }
    } catch (Throwable t) {
      Markers.swallowed(t);
    }
    return Markers.identity(value);
  }

  /** A map key as JSON object key: enums by name, anything else by String.valueOf. */
  static String keyText(Object key, int maxChars) {
    try {
      String text = key instanceof Enum ? ((Enum<?>) key).name() : String.valueOf(key);
      return Markers.truncate(text == null ? "null" : text, maxChars);
    } catch (Throwable t) {
      return Markers.error(t);
    }
  }

  static Object unwrapOptional(Object value) {
    if (value instanceof Optional) {
      return ((Optional<?>) value).orElse(null);
    }
    if (value instanceof OptionalInt) {
      OptionalInt o = (OptionalInt) value;
      return o.isPresent() ? (Object) o.getAsInt() : null;
    }
    if (value instanceof OptionalLong) {
      OptionalLong o = (OptionalLong) value;
      return o.isPresent() ? (Object) o.getAsLong() : null;
    }
    OptionalDouble o = (OptionalDouble) value;
    return o.isPresent() ? (Object) o.getAsDouble() : null;
  }
}
