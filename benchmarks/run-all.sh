#!/usr/bin/env bash
# Every benchmark in one command, one after the other, then benchmarks/RESULTS.md: machine, date, command, the
# ratio lines each benchmark prints, and the startup time and RSS of each service. Not part of the test run.
#
#   benchmarks/run-all.sh                       # all of them (about 25 minutes on 2 cores)
#   ONLY="config-read startup" benchmarks/run-all.sh   # a subset, by name (RESULTS.md then holds only those)
#   MAVEN_OFFLINE=1 benchmarks/run-all.sh       # builds offline (warm ~/.m2)
#
# Starts Redis and Kafka through `./suite infra` (its SUITE_DATA, REDIS_PORT, KAFKA_PORT, ... apply) and leaves
# them up. Each benchmark runs alone: ratios are measured side by side within one benchmark, so that both sides
# meet the same machine; the load average before each is recorded, because a busy machine lowers every figure.
# Full outputs go to $RESULTS_DIR (default benchmarks/results, not committed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks"
RESULTS_DIR="${RESULTS_DIR:-$BENCH/results}"
REPORT="${REPORT:-$BENCH/RESULTS.md}"
ALL=(config-read security-transit template-render gateway alert-ingest workflow-5task cache startup)
read -r -a SELECTED <<<"${ONLY:-${ALL[*]}}"
mkdir -p "$RESULTS_DIR"

"$ROOT/suite" infra >/dev/null
DATA="${SUITE_DATA:-$ROOT/.data}"
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-6379}"
export KAFKA="127.0.0.1:${KAFKA_PORT:-9092}" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${KAFKA_PORT:-9092}"
export KAFKA_LIB="$DATA/kafka/lib"

# The command behind each name, and the lines of its output that carry its figures.
command_of() {
  case "$1" in
    config-read) echo "$BENCH/config-read.sh" ;;
    security-transit) echo "$BENCH/security-transit.sh" ;;
    template-render) echo "$BENCH/template-render.sh" ;;
    gateway) echo "$BENCH/gateway.sh" ;;
    alert-ingest) echo "$BENCH/alert-ingest.sh" ;;
    workflow-5task) echo "$BENCH/workflow-5task.sh" ;;
    cache) echo "$BENCH/run-cache-bench.sh" ;;
    startup) echo "$BENCH/startup.sh" ;;
    *) echo "unknown benchmark '$1' (one of: ${ALL[*]})" >&2; return 1 ;;
  esac
}
FIGURES='ratio|/ bare|/ alertmanager|/ plain|req/s|alerts/s|events/s|instances/s|commands during|^ *[a-z-]+-service +[0-9]|^ *event-gateway +[0-9]|started|RSS|JVM options'

load() { cut -d' ' -f1-3 /proc/loadavg; }
started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
declare -A took outcome load_before
for name in "${SELECTED[@]}"; do
  cmd="$(command_of "$name")"
  load_before[$name]="$(load)"
  echo "== $name ($cmd), load ${load_before[$name]}"
  begin=$SECONDS
  if "$cmd" >"$RESULTS_DIR/$name.log" 2>&1; then outcome[$name]=ok; else outcome[$name]="FAILED (exit $?)"; fi
  took[$name]=$((SECONDS - begin))
  echo "   ${outcome[$name]} in ${took[$name]} s; output: $RESULTS_DIR/$name.log"
done

{
  echo "# Benchmark results"
  echo
  echo "Written by \`benchmarks/run-all.sh\`${ONLY:+ (ONLY=\"$ONLY\")} on $started_at. Each benchmark ran alone, one after the"
  echo "other; each ratio compares two things measured side by side in the same run. Full outputs were in"
  echo "\`$(realpath --relative-to="$ROOT" "$RESULTS_DIR")/\`."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM,"
  echo "$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  for name in "${SELECTED[@]}"; do
    echo
    echo "## $name"
    echo
    echo "\`$(realpath --relative-to="$ROOT" "$(command_of "$name")")\` — ${outcome[$name]}, ${took[$name]} s, load average before: ${load_before[$name]}"
    echo
    echo '```'
    grep -E "$FIGURES" "$RESULTS_DIR/$name.log" | grep -Ev '^==|^#|^Iteration' || echo "(no figures: see the log)"
    echo '```'
  done
} >"$REPORT"
echo "== written $REPORT"
for name in "${SELECTED[@]}"; do [[ "${outcome[$name]}" == ok ]] || exit 1; done
