package dev.weft.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's own classes and resources from {@code inst/} in the agent jar. They are stored as
 * {@code .classdata} so no other class loader (the app's, which also sees the jar, or the bootstrap one)
 * can find them: the app's Jackson, OpenTelemetry or Byte Buddy never meet ours.
 *
 * <p>The parent is the platform class loader: the JDK, plus the bootstrap bridge classes.
 */
final class AgentClassLoader extends ClassLoader {
  private static final String PREFIX = "inst/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final URL jarUrl;
  private final ProtectionDomain protectionDomain;

  AgentClassLoader(JarFile jar, URL jarUrl) {
    super("weft-agent", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    this.jarUrl = jarUrl;
    this.protectionDomain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String pkg = className.substring(0, dot);
    if (getDefinedPackage(pkg) == null) {
      try {
        definePackage(pkg, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException alreadyDefinedConcurrently) {
        // fine
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    String path = name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name;
    if (jar.getJarEntry(PREFIX + path) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + PREFIX + path);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }
}
