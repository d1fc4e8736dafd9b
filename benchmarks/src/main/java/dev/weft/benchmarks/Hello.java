package dev.weft.benchmarks;

import dev.weft.Op;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hello-world JVM that {@link StartupRun} starts: prints one line after one traced call. The
 * method carries both annotations, so whichever agent is attached traces it. The peak resident set
 * so far ({@code VmHWM}) goes to stderr for the launcher to read.
 */
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    System.out.println(greet("world"));
    System.err.println("VmHWM_KB=" + peakRssKb());
  }

  @Op
  @WithSpan
  static String greet(String name) {
    return "Hello, " + name;
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: no figure.
    }
    return -1;
  }
}
