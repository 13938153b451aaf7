#!/usr/bin/env bash
# A 5-task workflow (set, switch, set, set, set; no external calls) run to completion: through workflow-service's
# durable path vs. the bare reference runtime in memory, in one run of one workflow-service process.
#
#   benchmarks/workflow-5task.sh      (DURATION=20s WARMUP=30s THREADS=2 CONNECTIONS=32 PORT=18085 REDIS_DB=12)
#   REDIS_URL=redis://127.0.0.1:6391 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9192 benchmarks/workflow-5task.sh
#
# Builds workflow-service with the `bench` profile (which adds POST /bench/bare/run and /bench/durable/run, see
# FiveTaskBenchResource), starts it on its own Redis database (REDIS_DB; its workflow:* keys are removed before and
# after) and the Kafka of KAFKA_BOOTSTRAP_SERVERS, drives both endpoints with wrk (apt: wrk): each request is one
# instance from start to completion, so requests/s = instances/s and the latency is the instance's. Prints the ratio.
set -euo pipefail
# shellcheck source=benchmarks/lib/wrk.sh
source "$(dirname "$0")/lib/wrk.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-18085}"
REDIS_DB="${REDIS_DB:-12}"
REDIS_URL="${REDIS_URL:-redis://localhost:6379}"
WORK="$(mktemp -d)"
SERVICE_PID=""

forget_bench_keys() {
  if command -v redis-cli >/dev/null; then
    redis-cli -u "$REDIS_URL/$REDIS_DB" --scan --pattern 'workflow:*' \
      | xargs -r redis-cli -u "$REDIS_URL/$REDIS_DB" del >/dev/null || true
  fi
}
cleanup() {
  if [[ -n "$SERVICE_PID" ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  forget_bench_keys
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v redis-cli >/dev/null || { echo "redis-cli is missing: apt-get install -y redis-tools" >&2; exit 1; }

cd "$ROOT"
./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl workflow-service -am package -DskipTests -Dquarkus.profile=bench
forget_bench_keys

QUARKUS_REDIS_HOSTS="$REDIS_URL/$REDIS_DB" KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}" \
  TENANCY_TENANT_STATUS_SOURCE=none QUARKUS_LOG_LEVEL=WARN \
  java -Dquarkus.profile=bench -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
  -Dtenancy.instance-id=bench -Xmx512m ${SERVICE_JVM_OPTS:-} \
  -jar workflow-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/q/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done
# both sides compute the same output
BARE="$(curl -fs -X POST "$BASE/bench/bare/run")"
DURABLE="$(curl -fs -X POST "$BASE/bench/durable/run")"
[[ "$BARE" == "$DURABLE" ]] || { echo "outputs differ: bare $BARE, durable $DURABLE" >&2; exit 1; }

# no Authorization header: the bench endpoints need none, and a bearer token the service cannot verify makes every
# request a slow 401 (smallrye-jwt tries to fetch the JWKS first), which is why wrk counted 0 requests/s in session 12
{ printf 'wrk.method = "POST"\nwrk.body = "{}"\nwrk.headers["Content-Type"] = "application/json"\n'; wrk_result_lua; } \
  >"$WORK/run.lua"
echo "5-task workflow to completion, durable vs bare runtime: $THREADS threads, $CONNECTIONS connections, $DURATION, $(nproc) cores"
wrk_warm_up "$WORK/run.lua" "$BASE/bench/bare/run" "$WARMUP"
wrk_warm_up "$WORK/run.lua" "$BASE/bench/durable/run" "$WARMUP"
{
  wrk_run "bare runtime (memory)" "$WORK/run.lua" "$BASE/bench/bare/run"
  wrk_run "workflow-service" "$WORK/run.lua" "$BASE/bench/durable/run"
} 2>"$WORK/rates"
uptime
awk '{ rate[NR] = $NF } END {
  printf "durable / bare = %.2f instances/s (goal >= 0.3)\n", rate[2] / rate[1] }' "$WORK/rates"
