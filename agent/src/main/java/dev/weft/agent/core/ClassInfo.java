package dev.weft.agent.core;

import java.io.File;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * How values of one class are rendered, decided once per class and cached in a {@link ClassValue}
 * (which does not pin the class or its loader). Classification never throws: a class whose
 * reflection fails (e.g. NoClassDefFoundError from an optional dependency in a getter signature)
 * becomes {@link Kind#OPAQUE}.
 */
final class ClassInfo {
  enum Kind {
    STRING, BOOLEAN, CHARACTER, NUMBER, ENUM, BYTES, CHARS, PRIMITIVE_ARRAY, OBJECT_ARRAY,
    OPTIONAL, REFERENCE, COLLECTION, MAP, ENTRY, THROWABLE, TEXT, IDENTITY, OPAQUE, RECORD, BEAN
  }

  /** Generated proxy/subclass names whose getters would run interceptors or lazy loading. */
  private static final String[] GENERATED_MARKERS = {
    "$$", "$HibernateProxy$", "$ByteBuddy$", "$MockitoMock$"
  };
  /** JDK classes whose toString copies all their content. */
  private static final Set<Class<?>> CONTENT_TO_STRING = Set.of(
      BitSet.class, AtomicIntegerArray.class, AtomicLongArray.class, AtomicReferenceArray.class);
  private static final ClassInfo OPAQUE = new ClassInfo(Kind.OPAQUE, Collections.emptyList());

  private static final ClassValue<ClassInfo> CACHE = new ClassValue<ClassInfo>() {
    @Override
    protected ClassInfo computeValue(Class<?> type) {
      try {
        return inspect(type);
      } catch (Throwable t) {
        return OPAQUE;
      }
    }
  };

  final Kind kind;
  /** Readable properties in render order; only for RECORD and BEAN. */
  final List<Introspection.Property> properties;

  private ClassInfo(Kind kind, List<Introspection.Property> properties) {
    this.kind = kind;
    this.properties = properties;
  }

  static ClassInfo of(Class<?> type) {
    return CACHE.get(type);
  }

  static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("javax.")
        || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  private static ClassInfo inspect(Class<?> type) throws ReflectiveOperationException {
    Kind kind = simpleKind(type);
    if (kind != null) {
      return new ClassInfo(kind, Collections.emptyList());
    }
    boolean record = Introspection.isRecord(type);
    List<Introspection.Property> properties =
        record ? Introspection.ofRecord(type) : Introspection.ofBean(type);
    if (properties.isEmpty()) {
      return OPAQUE;
    }
    return new ClassInfo(record ? Kind.RECORD : Kind.BEAN, properties);
  }

  /** The kind of every class that is not a record or bean, or null. Order matters. */
  private static Kind simpleKind(Class<?> type) {
    // First: a proxy implementing List or CharSequence would run its handler on every call.
    if (isGenerated(type)) {
      return Kind.IDENTITY;
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return Kind.STRING;
    }
    if (type == Boolean.class || type == AtomicBoolean.class) {
      return Kind.BOOLEAN;
    }
    if (type == Character.class) {
      return Kind.CHARACTER;
    }
    if (Number.class.isAssignableFrom(type)) {
      return Kind.NUMBER;
    }
    if (Enum.class.isAssignableFrom(type)) {
      return Kind.ENUM;
    }
    if (type.isArray()) {
      return arrayKind(type);
    }
    return objectKind(type);
  }

  private static Kind arrayKind(Class<?> type) {
    if (type == byte[].class) {
      return Kind.BYTES;
    }
    if (type == char[].class) {
      return Kind.CHARS;
    }
    return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
  }

  private static Kind objectKind(Class<?> type) {
    if (type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
        || type == OptionalDouble.class) {
      return Kind.OPTIONAL;
    }
    if (AtomicReference.class.isAssignableFrom(type)) {
      return Kind.REFERENCE;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return Kind.COLLECTION;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    }
    if (Throwable.class.isAssignableFrom(type)) {
      return Kind.THROWABLE;
    }
    if (isText(type)) {
      return Kind.TEXT;
    }
    return otherKind(type, isJdk(type.getName()));
  }

  private static Kind otherKind(Class<?> type, boolean jdk) {
    if (jdk && Map.Entry.class.isAssignableFrom(type)) {
      return Kind.ENTRY; // its toString would render the whole value, unbounded
    }
    // ByteArrayOutputStream, StringWriter, BitSet: toString copies the whole content.
    if (jdk && (AutoCloseable.class.isAssignableFrom(type) || CONTENT_TO_STRING.contains(type))) {
      return Kind.IDENTITY;
    }
    // App resources: their getters tend to do I/O (getInputStream, getSchema, ...).
    if (jdk || AutoCloseable.class.isAssignableFrom(type)) {
      return Kind.OPAQUE;
    }
    return null;
  }

  private static boolean isText(Class<?> type) {
    return Date.class.isAssignableFrom(type) || Calendar.class.isAssignableFrom(type)
        || type.getName().startsWith("java.time.") || type == UUID.class || type == URI.class
        || type == URL.class || File.class.isAssignableFrom(type)
        || Path.class.isAssignableFrom(type) || type == Locale.class || type == Currency.class
        || type == Pattern.class || type == Class.class;
  }

  private static boolean isGenerated(Class<?> type) {
    if (Proxy.isProxyClass(type) || type.isSynthetic()) {
      return true;
    }
    String name = type.getName();
    for (String marker : GENERATED_MARKERS) {
      if (name.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
