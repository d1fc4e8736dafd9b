package dev.weft.agent.core;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the readable properties of records and beans. Only no-arg getters and public fields are
 * ever read: the capture must not call anything else on app objects.
 */
final class Introspection {
  // Records exist from Java 16; this code compiles for 11, so reach them reflectively, once.
  private static final Method GET_RECORD_COMPONENTS;
  private static final Method COMPONENT_NAME;
  private static final Method COMPONENT_ACCESSOR;

  static {
    Method components = null;
    Method name = null;
    Method accessor = null;
    try {
      components = Class.class.getMethod("getRecordComponents");
      Class<?> component = Class.forName("java.lang.reflect.RecordComponent");
      name = component.getMethod("getName");
      accessor = component.getMethod("getAccessor");
    } catch (Throwable t) {
      components = null; // before Java 16: no records
    }
    GET_RECORD_COMPONENTS = components;
    COMPONENT_NAME = name;
    COMPONENT_ACCESSOR = accessor;
  }

  private Introspection() {}

  static boolean isRecord(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return GET_RECORD_COMPONENTS != null && superclass != null
        && "java.lang.Record".equals(superclass.getName());
  }

  /** Components in declaration order; empty (so: toString form) if any accessor is unreachable. */
  static List<Property> ofRecord(Class<?> type) throws ReflectiveOperationException {
    Object[] components = (Object[]) GET_RECORD_COMPONENTS.invoke(type);
    List<Property> properties = new ArrayList<>(components.length);
    for (Object component : components) {
      String name = (String) COMPONENT_NAME.invoke(component);
      Method accessor = (Method) COMPONENT_ACCESSOR.invoke(component);
      if (!makeAccessible(accessor, type)) {
        return Collections.emptyList();
      }
      properties.add(new Property(name, accessor, null));
    }
    return properties;
  }

  /** Getters, then public fields not shadowed by a getter, sorted by name for a stable order. */
  static List<Property> ofBean(Class<?> type) {
    Map<String, Property> byName = new TreeMap<>();
    for (Method method : type.getMethods()) {
      addGetter(byName, method);
    }
    for (Field field : type.getFields()) {
      addField(byName, field);
    }
    return List.copyOf(byName.values());
  }

  private static void addGetter(Map<String, Property> byName, Method method) {
    if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
        || method.isBridge() || method.isSynthetic()) {
      return;
    }
    // Getters declared by the JDK (Object.getClass, Thread.getStackTrace, ...) are not app state.
    if (ClassInfo.isJdk(method.getDeclaringClass().getName())) {
      return;
    }
    String name = propertyName(method);
    if (name == null || !makeAccessible(method, method.getDeclaringClass())) {
      return;
    }
    Property property = new Property(name, method, null);
    if (method.getName().startsWith("get")) {
      byName.put(name, property); // getX wins over isX
    } else {
      byName.putIfAbsent(name, property);
    }
  }

  private static void addField(Map<String, Property> byName, Field field) {
    String name = field.getName();
    if (Modifier.isStatic(field.getModifiers()) || byName.containsKey(name)
        || ClassInfo.isJdk(field.getDeclaringClass().getName())) {
      return;
    }
    if (makeAccessible(field, field.getDeclaringClass())) {
      byName.put(name, new Property(name, null, field));
    }
  }

  /** getX (non-void) or isX (boolean) with an upper-case X, as in JavaBeans; else null. */
  static String propertyName(Method method) {
    String name = method.getName();
    Class<?> returns = method.getReturnType();
    int prefix;
    if (name.startsWith("get") && returns != void.class) {
      prefix = 3;
    } else if (name.startsWith("is") && (returns == boolean.class || returns == Boolean.class)) {
      prefix = 2;
    } else {
      return null;
    }
    // "getaway()" and "issue()" are not properties.
    if (name.length() == prefix || Character.isLowerCase(name.charAt(prefix))) {
      return null;
    }
    return decapitalize(name.substring(prefix));
  }

  /** The JavaBeans rule ("URL" stays, "Name" becomes "name"); java.desktop may be absent. */
  private static String decapitalize(String name) {
    if (name.length() > 1 && Character.isUpperCase(name.charAt(0))
        && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * Public members of non-public classes (private nested beans, records) need setAccessible;
   * that is refused for non-open packages of named modules, and then the member is skipped.
   */
  private static boolean makeAccessible(AccessibleObject member, Class<?> declaring) {
    if (Modifier.isPublic(declaring.getModifiers())
        && declaring.getModule().isExported(declaring.getPackageName())) {
      return true;
    }
    try {
      return member.trySetAccessible();
    } catch (SecurityException e) {
      return false;
    }
  }

  /** One readable value of an object: a getter, record accessor or public field. */
  static final class Property {
    final String name;
    private final Method getter;
    private final Field field;

    Property(String name, Method getter, Field field) {
      this.name = name;
      this.getter = getter;
      this.field = field;
    }

    /** Runs app code: callers must catch Throwable. */
    Object read(Object target) throws Throwable {
      try {
        return getter != null ? getter.invoke(target) : field.get(target);
      } catch (InvocationTargetException e) {
        throw e.getCause() != null ? e.getCause() : e;
      }
    }
  }
}
