package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.it.app.BootApp;
import dev.weft.testing.FakeWeave;
import dev.weft.testing.ReceivedSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Op} classes inside a Spring Boot executable jar ({@code BOOT-INF/classes}, nested
 * {@code BOOT-INF/lib} jars, Spring Boot's launcher and class loader) are traced like any others.
 */
class SpringBootJarIT {
  @TempDir
  static Path dir;
  static Path bootJar;
  private static final java.util.Set<String> DIRECTORIES = new java.util.HashSet<>();

  static List<Jdks.Jdk> jdks() {
    return Jdks.all();
  }

  @BeforeAll
  static void packTheBootJar() throws IOException {
    bootJar = dir.resolve("boot-app.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
    main.putValue("Start-Class", BootApp.class.getName());
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootJar), manifest);
        JarFile loader = new JarFile(Paths.get("target/boot-loader/spring-boot-loader-3.5.7.jar").toFile())) {
      for (Enumeration<JarEntry> e = loader.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
          try (InputStream in = loader.getInputStream(entry)) {
            put(out, entry.getName(), in.readAllBytes(), false);
          }
        }
      }
      String classFile = BootApp.class.getName().replace('.', '/') + ".class";
      put(out, "BOOT-INF/classes/" + classFile, Files.readAllBytes(Paths.get("target/test-classes", classFile)), false);
      // Spring Boot needs nested jars stored, not deflated.
      put(out, "BOOT-INF/lib/weft-api.jar", Files.readAllBytes(Paths.get(AppRun.codeSource(dev.weft.Op.class))), true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void opsInsideABootJarAreTraced(Jdks.Jdk jdk) throws Exception {
    try (FakeWeave weave = FakeWeave.start()) {
      AppRun.Result plain = AppRun.on(jdk).runJar(bootJar);
      AppRun.Result traced = AppRun.on(jdk).agent("project=team/boot,trace.url=" + weave.baseUrl()).runJar(bootJar);

      assertThat(plain.exitCode()).as(plain.toString()).isZero();
      assertThat(traced.exitCode()).as(traced.toString()).isZero();
      assertThat(traced.stdout()).isEqualTo(plain.stdout()).isEqualTo("loader=LaunchedClassLoader\nBOOT!\n");
      Map<String, ReceivedSpan> byName = weave.awaitSpans(2, Duration.ofSeconds(10)).stream()
          .collect(Collectors.toMap(ReceivedSpan::name, s -> s));
      assertThat(byName).containsOnlyKeys("BootApp.handle", "BootApp.normalize");
      assertThat(byName.get("BootApp.normalize").parentSpanId()).isEqualTo(byName.get("BootApp.handle").spanId());
      assertThat(byName.get("BootApp.handle").attr("inputs")).isEqualTo("{\"request\":\"  boot  \"}");
      assertThat(byName.get("BootApp.handle").attr("output")).isEqualTo("BOOT!");
    }
  }

  private static void put(JarOutputStream out, String name, byte[] bytes, boolean stored) throws IOException {
    // Spring Boot's loader finds BOOT-INF/classes and packages by their directory entries.
    for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
      String directory = name.substring(0, slash + 1);
      if (DIRECTORIES.add(directory)) {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
    }
    JarEntry entry = new JarEntry(name);
    if (stored) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(bytes.length);
      entry.setCompressedSize(bytes.length);
      entry.setCrc(crc.getValue());
    }
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

}
