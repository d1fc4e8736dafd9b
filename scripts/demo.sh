#!/usr/bin/env bash
# The main job: the local trace server and UI, with the sample pipeline and the evaluation sample traced
# into it by the agent.
# Build first: mvn -B -q -DskipTests package. Ctrl-C stops the server; traces stay in ~/.weft (or $WEFT_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${WEFT_PORT:-6345}"
project="${WEFT_PROJECT:-weft/samples}"
for f in server/target/weft-server.jar agent/target/weft-agent.jar samples/target/weft-sample-pipeline.jar \
    samples/target/weft-sample-openai.jar samples/target/weft-sample-evaluation.jar; do
  [[ -f "$f" ]] || { echo "missing $f: build first with mvn -B -q -DskipTests package" >&2; exit 1; }
done

data_args=()
[[ -n "${WEFT_DATA:-}" ]] && data_args=(--data-dir "$WEFT_DATA")
java -jar server/target/weft-server.jar --port "$port" "${data_args[@]}" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

# Wait (at most 30 s) until the server accepts connections, or give up if it died.
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { echo "weft-server did not start" >&2; exit 1; }
  sleep 0.1
done

echo "--- running the sample pipeline with -javaagent:agent/target/weft-agent.jar"
WEFT_PROJECT="$project" java \
  -javaagent:agent/target/weft-agent.jar=trace.url=http://127.0.0.1:$port,project=$project \
  -jar samples/target/weft-sample-pipeline.jar
echo "--- running the OpenAI SDK sample (W&B Inference with WANDB_API_KEY, else an offline stand-in); no annotation on model calls"
WEFT_PROJECT="$project" java \
  -javaagent:agent/target/weft-agent.jar=trace.url=http://127.0.0.1:$port,project=$project \
  -jar samples/target/weft-sample-openai.jar
echo "--- running the evaluation sample (two models on a QA dataset, then a leaderboard) with the agent"
WEFT_PROJECT="$project" java \
  -javaagent:agent/target/weft-agent.jar=trace.url=http://127.0.0.1:$port,project=$project \
  -jar samples/target/weft-sample-evaluation.jar
echo "--- traces: http://127.0.0.1:$port/$project  evaluations: http://127.0.0.1:$port/$project/evaluations"
echo "    leaderboard: http://127.0.0.1:$port/$project/leaderboard  (Ctrl-C stops the server)"
wait "$server"
