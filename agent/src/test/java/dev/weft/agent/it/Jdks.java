package dev.weft.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs end-to-end tests run the app on: the one running the tests, plus one JDK of each other
 * feature release from 17 up found under {@code /usr/lib/jvm} (or listed in {@code weft.test.jdks}),
 * so one {@code mvn verify} covers JDK 17 and JDK 25 where both are installed.
 */
final class Jdks {
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private Jdks() {}

  /** A JDK: its feature version and its java launcher. */
  record Jdk(int feature, Path java) {
    @Override
    public String toString() {
      return "JDK " + feature;
    }
  }

  static List<Jdk> all() {
    Map<Integer, Jdk> byFeature = new LinkedHashMap<>();
    Path current = Paths.get(System.getProperty("java.home"));
    byFeature.put(Runtime.version().feature(), new Jdk(Runtime.version().feature(), current.resolve("bin/java")));
    for (Path home : candidates()) {
      Integer feature = feature(home);
      if (feature != null && feature >= 17 && Files.isExecutable(home.resolve("bin/java"))) {
        byFeature.putIfAbsent(feature, new Jdk(feature, home.resolve("bin/java")));
      }
    }
    return new ArrayList<>(byFeature.values());
  }

  private static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    String listed = System.getProperty("weft.test.jdks", "");
    for (String home : listed.split(java.io.File.pathSeparator)) {
      if (!home.isBlank()) {
        out.add(Paths.get(home));
      }
    }
    Path jvm = Paths.get("/usr/lib/jvm");
    if (Files.isDirectory(jvm)) {
      try (Stream<Path> homes = Files.list(jvm)) {
        homes.sorted().forEach(out::add);
      } catch (IOException ignored) {
        // no extra JDKs
      }
    }
    return out;
  }

  private static Integer feature(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
