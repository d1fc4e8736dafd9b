package dev.weft.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One JVM configuration compared: no agent, the Weft agent or the OpenTelemetry agent. */
record Config(String name, Path agentJar, List<String> jvmArgs) {

  static final String NONE = "no agent";
  static final String WEFT = "Weft";
  static final String OTEL = "OTel";
  static final String WEFT_NO_USAGE = "Weft, llm.include.usage=false";

  static Config none() {
    return new Config(NONE, null, List.of());
  }

  /** No network: spans still go through the agent's batch processor, then are dropped. */
  static Config weft(Path jar) {
    return new Config(WEFT, jar,
        List.of("-javaagent:" + jar.toAbsolutePath() + "=exporter=none,print.call.link=false"));
  }

  /** As {@link #weft}, but a streamed model call is sent as the app wrote it (no usage asked for). */
  static Config weftNoUsage(Path jar) {
    return new Config(WEFT_NO_USAGE, jar, List.of("-javaagent:" + jar.toAbsolutePath()
        + "=exporter=none,print.call.link=false,llm.include.usage=false"));
  }

  /** This configuration with more JVM arguments. */
  Config with(List<String> more) {
    List<String> args = new java.util.ArrayList<>(jvmArgs);
    args.addAll(more);
    return new Config(name, agentJar, List.copyOf(args));
  }

  /** The OpenTelemetry agent with every exporter off, as DESIGN.md compares against. */
  static Config otel(Path jar) {
    return new Config(OTEL, jar, List.of(
        "-javaagent:" + jar.toAbsolutePath(),
        "-Dotel.traces.exporter=none",
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none"));
  }

  boolean available() {
    return agentJar == null || Files.isRegularFile(agentJar);
  }

  long jarBytes() {
    try {
      return agentJar == null ? 0 : Files.size(agentJar);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
