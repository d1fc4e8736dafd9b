package dev.weft.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the {@link Hello} JVM again and again under each configuration, round-robin so that drift on
 * the machine spreads evenly, and times each process from {@code start()} to exit.
 */
final class StartupRun {

  private static final Path TIME = Path.of("/usr/bin/time");

  /** What the runs of one configuration measured. */
  record Stats(double medianMs, double p90Ms, double medianRssKb, double medianHwmKb, String firstOutput) {}

  private final int warmups;
  private final int runs;
  private final String classpath;

  StartupRun(int warmups, int runs, String classpath) {
    this.warmups = warmups;
    this.runs = runs;
    this.classpath = classpath;
  }

  static boolean hasTime() {
    return Files.isExecutable(TIME);
  }

  String settings() {
    return runs + " runs per configuration after " + warmups + " warm-ups, round-robin; peak RSS from "
        + (hasTime() ? "`/usr/bin/time -f %M` (whole process life)" : "`VmHWM` at the end of main");
  }

  Map<String, Stats> run(List<Config> configs) throws IOException, InterruptedException {
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    for (Config config : configs) {
      samples.put(config.name(), new ArrayList<>());
    }
    for (int i = 0; i < warmups + runs; i++) {
      for (Config config : configs) {
        Sample sample = once(config);
        if (i >= warmups) {
          samples.get(config.name()).add(sample);
        }
      }
      System.out.println("# start-up run " + (i + 1) + "/" + (warmups + runs)
          + (i < warmups ? " (warm-up)" : ""));
    }
    Map<String, Stats> stats = new LinkedHashMap<>();
    samples.forEach((name, list) -> stats.put(name, stats(list)));
    return stats;
  }

  private Sample once(Config config) throws IOException, InterruptedException {
    File out = File.createTempFile("weft-hello", ".out");
    File err = File.createTempFile("weft-hello", ".err");
    File rss = File.createTempFile("weft-hello", ".rss");
    try {
      ProcessBuilder builder = new ProcessBuilder(command(config, rss)).redirectOutput(out).redirectError(err);
      long start = System.nanoTime();
      int exit = builder.start().waitFor();
      double ms = (System.nanoTime() - start) / 1e6;
      String stdout = Files.readString(out.toPath());
      String stderr = Files.readString(err.toPath());
      if (exit != 0 || !stdout.startsWith("Hello, world")) {
        throw new IllegalStateException(config.name() + ": exit " + exit + "\n" + stdout + stderr);
      }
      return new Sample(ms, timeRssKb(rss.toPath()), hwmKb(stderr), stdout + stderr);
    } finally {
      out.delete();
      err.delete();
      rss.delete();
    }
  }

  private List<String> command(Config config, File rss) {
    List<String> command = new ArrayList<>();
    if (hasTime()) {
      command.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.getAbsolutePath()));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.jvmArgs());
    command.addAll(List.of("-cp", classpath, Hello.class.getName()));
    return command;
  }

  private static long timeRssKb(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.isEmpty() ? -1 : Long.parseLong(lines.get(lines.size() - 1).trim());
  }

  private static long hwmKb(String stderr) {
    for (String line : stderr.split("\n")) {
      if (line.startsWith("VmHWM_KB=")) {
        return Long.parseLong(line.substring("VmHWM_KB=".length()).trim());
      }
    }
    return -1;
  }

  private static Stats stats(List<Sample> samples) {
    double[] ms = samples.stream().mapToDouble(Sample::ms).sorted().toArray();
    double[] rss = samples.stream().mapToDouble(Sample::rssKb).sorted().toArray();
    double[] hwm = samples.stream().mapToDouble(Sample::hwmKb).sorted().toArray();
    return new Stats(median(ms), nearestRank(ms, 0.9), median(rss), median(hwm), samples.get(0).output());
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double nearestRank(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private record Sample(double ms, long rssKb, long hwmKb, String output) {}
}
