package dev.weft.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the {@code dev.weft.http} classes (the OkHttp interceptor) next to the app's OkHttp: its
 * parent is the loader that loaded OkHttp, so they link against the app's very {@code okhttp3} and
 * {@code okio} classes, while their own package comes from the agent jar and nowhere else (child
 * first), whatever copy the app or the bootstrap path may hold. One per OkHttp class loader.
 */
final class HelperClassLoader extends ClassLoader {
  private static final String PACKAGE = "dev.weft.http.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader bytes;

  /** {@code bytes} finds the class files as resources (the agent's own loader reads them from its jar). */
  HelperClassLoader(ClassLoader parent, ClassLoader bytes) {
    super("weft-http", parent);
    this.bytes = bytes;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PACKAGE)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = findClass(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (!name.startsWith(PACKAGE)) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = bytes.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] code = in.readAllBytes();
      return defineClass(name, code, 0, code.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
