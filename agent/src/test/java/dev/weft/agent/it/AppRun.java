package dev.weft.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Runs an app in a fresh JVM, optionally with {@code -javaagent:weft-agent.jar}, and returns its exit
 * code and output. The environment is cleaned of Weft and Weave variables so the machine's own
 * settings never leak into a test.
 */
final class AppRun {
  static final Path AGENT_JAR = Paths.get(System.getProperty("weft.agent.jar", "target/weft-agent.jar"));
  private static final long DEADLINE_SECONDS = 120;

  private final Jdks.Jdk jdk;
  private final List<String> classpath = new ArrayList<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String agentArgs;
  private boolean withAgent;

  private AppRun(Jdks.Jdk jdk) {
    this.jdk = jdk;
    classpath.add(Paths.get("target/test-classes").toAbsolutePath().toString());
    classpath.add(codeSource(dev.weft.Op.class));
  }

  static AppRun on(Jdks.Jdk jdk) {
    return new AppRun(jdk);
  }

  AppRun agent(String args) {
    this.withAgent = true;
    this.agentArgs = args;
    return this;
  }

  AppRun classpath(String entry) {
    classpath.add(entry);
    return this;
  }

  AppRun jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  AppRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Result run(String mainClass, String... args) throws IOException, InterruptedException {
    List<String> launch = new ArrayList<>(List.of("-cp", String.join(File.pathSeparator, classpath), mainClass));
    launch.addAll(List.of(args));
    return launch(launch);
  }

  /** Runs {@code java -jar jar args}: the jar's own manifest decides the class path. */
  Result runJar(Path jar, String... args) throws IOException, InterruptedException {
    List<String> launch = new ArrayList<>(List.of("-jar", jar.toString()));
    launch.addAll(List.of(args));
    return launch(launch);
  }

  private Result launch(List<String> launch) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.add("-Xshare:auto");
    if (withAgent) {
      command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentArgs == null ? "" : "=" + agentArgs));
      // The exit flush returns as soon as the spans are out; on a loaded 2-core machine the default 5 s
      // can run out first. Agent arguments (ReliabilityIT's own timeouts) still win over this property.
      command.add("-Dweft.flush.timeout=60s");
    }
    command.addAll(jvmArgs);
    command.addAll(launch);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("WEFT_") || k.startsWith("WANDB_")
        || k.startsWith("WEAVE_") || k.startsWith("WF_") || k.startsWith("OTEL_") || k.equals("JAVA_TOOL_OPTIONS"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("weft-app", ".out");
    Path err = Files.createTempFile("weft-app", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long started = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("app did not exit within " + DEADLINE_SECONDS + " s: " + command
          + "\nstderr:\n" + Files.readString(err));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), millis);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  /** The jars in {@code dir} (e.g. {@code target/libs/okhttp-4}), sorted, as a class path. */
  static String jarsIn(String dir) throws IOException {
    try (Stream<Path> jars = Files.list(Paths.get(dir))) {
      return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
  }

  /**
   * Compiles one test app ({@code source}, under src/test/resources/apps) against {@code classPath}
   * and weft-api into {@code classes}; fails the test when javac does.
   */
  static void compile(String source, String classPath, Path classes) {
    List<String> args = List.of("--release", "17", "-parameters", "-nowarn", "-d", classes.toString(),
        "-cp", classPath + File.pathSeparator + codeSource(dev.weft.Op.class),
        Paths.get("src/test/resources/apps", source).toString());
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])))
        .as("javac %s against %s", source, classPath).isZero();
  }

  static String codeSource(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the app did: exit code, stdout, stderr and how long it took (reported, never asserted). */
  record Result(int exitCode, String stdout, String stderr, long millis) {
    @Override
    public String toString() {
      return "exit=" + exitCode + " in " + millis + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
