#!/usr/bin/env bash
# Runs every Weft-vs-OpenTelemetry measurement (JMH, then whole-process) and prints a markdown report.
# Build first:  mvn -B -pl agent,benchmarks -am package -DskipTests
# Arguments go to dev.weft.benchmarks.RunAll, e.g. --quick, --jmh-only, --startup-only, --prof gc, --out FILE.
# WEFT_AGENT overrides where the Weft agent is; JAVA_HOME picks the JDK (default: java on the PATH).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/weft-benchmarks.jar"
otel="$here/target/agents/opentelemetry-javaagent.jar"
weft="${WEFT_AGENT:-$here/../agent/target/weft-agent.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for f in "$jar" "$otel"; do
  if [[ ! -f "$f" ]]; then
    echo "missing $f; build first: mvn -B -pl agent,benchmarks -am package -DskipTests" >&2
    exit 1
  fi
done

exec "$java" -jar "$jar" --weft-agent "$weft" --otel-agent "$otel" "$@"
