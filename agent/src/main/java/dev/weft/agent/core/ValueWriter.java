package dev.weft.agent.core;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weft.agent.core.BoundedOutput.BudgetExceeded;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One rendering attempt: walks an object graph into a generator under fixed caps, leaving leaves
 * to {@link Scalars}. Not thread-safe; created per attempt. Every call into app code (getters,
 * iterators, toString, CharSequence) is guarded and replaced by an error marker; only {@link
 * BudgetExceeded} and failures of the generator itself propagate, and the caller degrades.
 */
final class ValueWriter {
  private final JsonGenerator gen;
  private final Redactor redactor;
  private final int maxStringChars;
  private final int maxItems;
  private final int maxDepth;
  /** Containers on the current path, compared by identity: equals/hashCode are app code. */
  private final List<Object> path = new ArrayList<>();

  ValueWriter(JsonGenerator gen, Redactor redactor, int maxStringChars, int maxItems,
      int maxDepth) {
    this.gen = gen;
    this.redactor = redactor;
    this.maxStringChars = maxStringChars;
    this.maxItems = maxItems;
    this.maxDepth = maxDepth;
  }

  /** {@code {"name": value, ...}}; arguments sit at depth 0, the wrapper does not count. */
  void writeArguments(String[] names, Object[] values) throws IOException {
    gen.writeStartObject();
    int count = values == null ? 0 : values.length;
    for (int i = 0; i < count; i++) {
      String name = names != null && i < names.length && names[i] != null ? names[i] : "arg" + i;
      gen.writeFieldName(name);
      if (redactor.isSecret(name)) {
        gen.writeString(Redactor.REDACTED);
      } else {
        write(values[i], 0);
      }
    }
    gen.writeEndObject();
  }

  void writeInputMap(Map<?, ?> inputs) throws IOException {
    if (inputs == null) {
      gen.writeStartObject();
      gen.writeEndObject();
      return;
    }
    path.add(inputs); // a map holding itself shows a cycle
    writeMap(inputs, 0);
  }

  void write(Object value, int depth) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String) {
      Scalars.writeText(gen, value, maxStringChars); // the common case skips the class lookup
    } else {
      ClassInfo info = ClassInfo.of(value.getClass());
      if (info.kind == ClassInfo.Kind.OPTIONAL) {
        write(Scalars.unwrapOptional(value), depth); // immutable: cannot contain itself
      } else if (!Scalars.writeLeaf(gen, value, info.kind, maxStringChars)) {
        writeNested(value, info, depth);
      }
    }
  }

  private void writeNested(Object value, ClassInfo info, int depth) throws IOException {
    if (isOnPath(value)) {
      gen.writeString(Markers.cycle(value.getClass()));
      return;
    }
    if (depth >= maxDepth) {
      gen.writeString(Markers.MAX_DEPTH);
      return;
    }
    path.add(value);
    try {
      writeContainer(value, info, depth + 1);
    } finally {
      path.remove(path.size() - 1);
    }
  }

  private boolean isOnPath(Object value) {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i) == value) {
        return true;
      }
    }
    return false;
  }

  private void writeContainer(Object value, ClassInfo info, int childDepth) throws IOException {
    switch (info.kind) {
      case PRIMITIVE_ARRAY:
      case OBJECT_ARRAY:
        writeArray(value, childDepth);
        break;
      case COLLECTION:
        writeCollection((Collection<?>) value, childDepth);
        break;
      case MAP:
        writeMap((Map<?, ?>) value, childDepth);
        break;
      case THROWABLE:
        writeThrowable((Throwable) value);
        break;
      case ENTRY:
        writeEntryObject((Map.Entry<?, ?>) value, childDepth);
        break;
      case REFERENCE: // mutable, so it can hold itself: a container, unlike Optional
        write(((AtomicReference<?>) value).get(), childDepth);
        break;
      default: // RECORD, BEAN
        writeProperties(value, info.properties, childDepth);
    }
  }

  private void writeArray(Object array, int childDepth) throws IOException {
    int length = Array.getLength(array);
    int shown = Math.min(length, maxItems);
    gen.writeStartArray();
    for (int i = 0; i < shown; i++) {
      write(Array.get(array, i), childDepth);
    }
    if (length > shown) {
      gen.writeString(Markers.moreItems(length - shown));
    }
    gen.writeEndArray();
  }

  /** Only Collections are iterated: an arbitrary Iterable may be lazy, infinite or one-shot. */
  private void writeCollection(Collection<?> items, int childDepth) throws IOException {
    gen.writeStartArray();
    try {
      Iterator<?> it = items.iterator();
      for (int n = 0; it.hasNext(); n++) {
        if (n == maxItems) {
          gen.writeString(Markers.moreItems(remaining(items, n)));
          break;
        }
        write(it.next(), childDepth);
      }
    } catch (BudgetExceeded e) {
      throw e;
    } catch (Throwable t) { // e.g. ConcurrentModificationException from the app's iterator
      gen.writeString(Markers.error(t));
    }
    gen.writeEndArray();
  }

  private void writeMap(Map<?, ?> map, int childDepth) throws IOException {
    gen.writeStartObject();
    try {
      int n = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (n++ == maxItems) {
          gen.writeFieldName(Markers.MORE_ENTRIES_KEY);
          gen.writeString(Markers.moreEntries(remaining(map, maxItems)));
          break;
        }
        writeEntry(entry, childDepth);
      }
    } catch (BudgetExceeded e) {
      throw e;
    } catch (Throwable t) {
      gen.writeFieldName(Markers.ERROR_KEY);
      gen.writeString(Markers.error(t));
    }
    gen.writeEndObject();
  }

  /** Reads key and value before writing either, so a throwing entry leaves no dangling name. */
  private void writeEntry(Map.Entry<?, ?> entry, int childDepth) throws IOException {
    String key = Scalars.keyText(entry.getKey(), maxStringChars);
    if (redactor.isSecret(key)) {
      gen.writeFieldName(key);
      gen.writeString(Redactor.REDACTED); // the value is never even read
      return;
    }
    Object value = entry.getValue();
    gen.writeFieldName(key);
    write(value, childDepth);
  }

  /** A JDK Map.Entry outside a map: {"key": k, "value": v}, the value redacted by the key. */
  private void writeEntryObject(Map.Entry<?, ?> entry, int childDepth) throws IOException {
    Object key;
    Object value;
    try { // views of app maps delegate to app entries
      key = entry.getKey();
      value = entry.getValue();
    } catch (Throwable t) {
      gen.writeString(Markers.error(t));
      return;
    }
    gen.writeStartObject();
    gen.writeFieldName("key");
    write(key, childDepth);
    gen.writeFieldName("value");
    if (redactor.isSecret(Scalars.keyText(key, maxStringChars))) {
      gen.writeString(Redactor.REDACTED);
    } else {
      write(value, childDepth);
    }
    gen.writeEndObject();
  }

  private static long remaining(Object container, int shown) {
    try {
      int size = container instanceof Map ? ((Map<?, ?>) container).size()
          : ((Collection<?>) container).size();
      return size > shown ? size - shown : -1;
    } catch (Throwable t) {
      Markers.swallowed(t);
      return -1;
    }
  }

  private void writeProperties(Object target, List<Introspection.Property> properties,
      int childDepth) throws IOException {
    gen.writeStartObject();
    int n = 0;
    for (Introspection.Property property : properties) {
      if (n++ == maxItems) {
        gen.writeFieldName(Markers.MORE_ENTRIES_KEY);
        gen.writeString(Markers.moreEntries(properties.size() - maxItems));
        break;
      }
      gen.writeFieldName(property.name);
      writePropertyValue(target, property, childDepth);
    }
    gen.writeEndObject();
  }

  private void writePropertyValue(Object target, Introspection.Property property, int childDepth)
      throws IOException {
    if (redactor.isSecret(property.name)) {
      gen.writeString(Redactor.REDACTED); // the getter is never called
      return;
    }
    Object value;
    try {
      value = property.read(target);
    } catch (Throwable t) { // includes StackOverflowError and OutOfMemoryError from the getter
      gen.writeString(Markers.error(t));
      return;
    }
    write(value, childDepth);
  }

  private void writeThrowable(Throwable thrown) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", thrown.getClass().getName());
    gen.writeFieldName("message");
    String message;
    try {
      message = thrown.getMessage(); // may be overridden
    } catch (Throwable t) {
      message = Markers.error(t);
    }
    write(message, 0);
    gen.writeEndObject();
  }
}
