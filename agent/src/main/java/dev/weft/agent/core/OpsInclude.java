package dev.weft.agent.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Methods to trace without annotations, from {@code weft.ops.include}: entries separated by
 * {@code ;}, each a binary class name ({@code com.acme.Outer$Inner}) optionally followed by
 * {@code [method,method]}; without brackets every declared method of the class is included.
 */
public final class OpsInclude {
  private static final OpsInclude NONE = new OpsInclude(Collections.<Entry>emptyList());

  private final List<Entry> entries;
  /** Class name to included methods; an empty set means all methods. */
  private final Map<String, Set<String>> methodsByClass = new HashMap<>();

  private OpsInclude(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
    for (Entry entry : entries) {
      Set<String> known = methodsByClass.get(entry.className);
      methodsByClass.put(entry.className, merge(known, entry.methods));
    }
  }

  /** Includes nothing. */
  public static OpsInclude none() {
    return NONE;
  }

  /**
   * Parses the grammar above; empty entries are skipped.
   *
   * @throws IllegalArgumentException naming the first malformed entry and the accepted form
   */
  public static OpsInclude parse(String spec) {
    List<Entry> entries = new ArrayList<>();
    for (String part : spec.split(";")) {
      if (!part.trim().isEmpty()) {
        entries.add(parseEntry(part.trim()));
      }
    }
    return entries.isEmpty() ? NONE : new OpsInclude(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether any method of {@code className} (a binary name) may be included. */
  public boolean matchesClass(String className) {
    return methodsByClass.containsKey(className);
  }

  public boolean matches(String className, String method) {
    Set<String> methods = methodsByClass.get(className);
    return methods != null && (methods.isEmpty() || methods.contains(method));
  }

  /** The setting's grammar, e.g. {@code com.acme.Foo[bar,baz];com.acme.Qux}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Entry entry : entries) {
      out.append(out.length() == 0 ? "" : ";").append(entry);
    }
    return out.toString();
  }

  private static Set<String> merge(Set<String> known, Set<String> added) {
    if (known == null) {
      return added;
    }
    if (known.isEmpty() || added.isEmpty()) {
      return Collections.emptySet();
    }
    Set<String> union = new LinkedHashSet<>(known);
    union.addAll(added);
    return union;
  }

  private static Entry parseEntry(String text) {
    int open = text.indexOf('[');
    String className = open < 0 ? text : text.substring(0, open).trim();
    Set<String> methods = new LinkedHashSet<>();
    if (open >= 0) {
      if (!text.endsWith("]") || text.indexOf(']') != text.length() - 1) {
        throw badEntry(text);
      }
      for (String method : text.substring(open + 1, text.length() - 1).split(",", -1)) {
        methods.add(requireIdentifier(method.trim(), text));
      }
    }
    if (!isBinaryName(className)) {
      throw badEntry(text);
    }
    return new Entry(className, methods);
  }

  private static String requireIdentifier(String name, String entry) {
    if (!isIdentifier(name)) {
      throw badEntry(entry);
    }
    return name;
  }

  private static boolean isBinaryName(String name) {
    for (String segment : name.split("\\.", -1)) {
      if (!isIdentifier(segment)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isJavaIdentifierPart(name.charAt(i)) || Character.isIdentifierIgnorable(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException badEntry(String entry) {
    return new IllegalArgumentException("bad entry \"" + entry + "\": expected class names, each optionally"
        + " followed by [method,method], separated by ';', e.g. com.acme.Foo[bar,baz];com.acme.Outer$Inner");
  }

  /** One class and its included methods; {@link #methods()} is empty when all methods are included. */
  public static final class Entry {
    private final String className;
    private final Set<String> methods;

    Entry(String className, Set<String> methods) {
      this.className = className;
      this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
    }

    public String className() {
      return className;
    }

    public Set<String> methods() {
      return methods;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry
          && className.equals(((Entry) other).className)
          && methods.equals(((Entry) other).methods);
    }

    @Override
    public int hashCode() {
      return Objects.hash(className, methods);
    }

    @Override
    public String toString() {
      return methods.isEmpty() ? className : className + "[" + String.join(",", methods) + "]";
    }
  }
}
