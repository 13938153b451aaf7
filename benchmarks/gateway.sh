#!/usr/bin/env bash
# Two comparisons in one run (issue 10):
# 1. The same GET through the gateway (JWT check, tenant isolation, quota counted in Redis, proxy) and directly at the
#    service: config-service's effective-config read (a tiered-cache hit), so the difference is the edge.
#    Goal: proxied >= 0.6x the direct rate, p99 at most 2 ms more.
# 2. Events published through the gateway's API in batches of $BATCH (application/cloudevents-batch+json, 202 once
#    Kafka acknowledged, acks=all, idempotent) vs Kafka's own ProducerPerformance (same broker, same record size,
#    acks=all, idempotent) writing to a topic with the same partitions. Goal: gateway >= 0.5x the producer's rate.
#
# Starts: a private Redis on $BENCH_REDIS_PORT, config-service on $PORT and event-gateway on $GATEWAY_PORT (both
# packaged here, management ports +1000). Uses the Kafka at $KAFKA (default 127.0.0.1:9092). Needs wrk, redis-server,
# redis-cli, openssl; ProducerPerformance from the suite's Kafka jars ($KAFKA_LIB, default .data/kafka/lib: run
# ./suite infra once).
#
#   benchmarks/gateway.sh   # DURATION=20s WARMUP=30s CONNECTIONS=32 THREADS=2 by default (benchmarks/lib/wrk.sh)
#   PARTS=proxy (or publish) runs one comparison only; KEEP_WORK=1 keeps the logs; GATEWAY_ARGS adds JVM options or
#   -D settings to the gateway (e.g. -XX:StartFlightRecording=...)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/wrk.sh
source "$ROOT/benchmarks/lib/wrk.sh"
# shellcheck source=lib/tokens.sh
source "$ROOT/benchmarks/lib/tokens.sh"
BENCH_REDIS_PORT="${BENCH_REDIS_PORT:-6390}"
PORT="${PORT:-18081}"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
KAFKA="${KAFKA:-127.0.0.1:9092}"
KAFKA_LIB="${KAFKA_LIB:-$ROOT/.data/kafka/lib}"
BATCH="${BATCH:-100}"
EVENT_BYTES="${EVENT_BYTES:-512}"
PRODUCER_RECORDS="${PRODUCER_RECORDS:-300000}"
# PARTS: which comparisons to run ("proxy publish"); KEEP_WORK=1 keeps the work folder (service logs) for a look after
PARTS="${PARTS:-proxy publish}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$BENCH_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  if [[ -n "${KEEP_WORK:-}" ]]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== building config-service and event-gateway"
(cd "$ROOT" && ./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl config-service,event-gateway -am package -DskipTests)

echo "== private Redis on :$BENCH_REDIS_PORT"
redis-server --daemonize yes --bind 127.0.0.1 --port "$BENCH_REDIS_PORT" --save '' --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log"

echo "== signing key and tokens"
NOW=$(date +%s)
bench_keys "$WORK"
TOKEN="$(tenant_admin_token "$WORK" "$TENANT")"
PLATFORM_TOKEN="$(platform_admin_token "$WORK")"

# start NAME JAR HTTP_PORT EXTRA_ARGS...
start() {
  local name="$1" jar="$2" port="$3"
  shift 3
  java -Xmx512m ${SERVICE_JVM_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.management.port="$((port + 1000))" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$BENCH_REDIS_PORT" -Dkafka.bootstrap.servers="$KAFKA" \
    -Dmp.jwt.verify.publickey.location="$WORK/pub.pem" -Dtenancy.instance-id="bench-$name-$NOW" \
    -Dquarkus.log.level=WARN "$@" -jar "$jar" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$((port + 1000))/q/health/live" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/$name.log"; exit 1; }
    sleep 0.5
  done
  echo "$name did not start"; exit 1
}
echo "== starting config-service on :$PORT and event-gateway on :$GATEWAY_PORT"
start config "$ROOT/config-service/target/quarkus-app/quarkus-run.jar" "$PORT"
# every request of the tenant is counted in Redis, as in production (a quota the run cannot exhaust)
start gateway "$ROOT/event-gateway/target/quarkus-app/quarkus-run.jar" "$GATEWAY_PORT" \
  -Dquarkus.rest-client.config-service.url="http://127.0.0.1:$PORT" \
  -Dtenancy.gateway.quota.default-per-hour=1000000000 ${GATEWAY_ARGS:-}

AUTH="Authorization: Bearer $TOKEN"
PATH_AND_QUERY="/v1/tenants/$TENANT/config?env=prod"
DIRECT="http://127.0.0.1:$PORT$PATH_AND_QUERY"
PROXIED="http://127.0.0.1:$GATEWAY_PORT/api/config$PATH_AND_QUERY"
register_tenant "http://127.0.0.1:$PORT" "$PLATFORM_TOKEN" "$TENANT"
for key in db.pool.size db.url feature.search cache.ttl; do
  curl -fs -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d '{"value": 42}' \
    "http://127.0.0.1:$PORT/v1/tenants/$TENANT/config/keys/$key" >/dev/null
done
curl -fs -H "$AUTH" "$DIRECT" >/dev/null
curl -fs -H "$AUTH" "$PROXIED" >/dev/null || { echo "the gateway does not proxy"; cat "$WORK/gateway.log"; exit 1; }

cat >"$WORK/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
wrk_result_lua >>"$WORK/get.lua"

RESULTS="$WORK/results"
touch "$RESULTS"
if [[ " $PARTS " == *" proxy "* ]]; then
echo "== warm-up"
wrk_warm_up "$WORK/get.lua" "$DIRECT" "$WARMUP"
wrk_warm_up "$WORK/get.lua" "$PROXIED" "$WARMUP"
echo "== measured ($DURATION each, $CONNECTIONS connections)"
{ wrk_run direct "$WORK/get.lua" "$DIRECT"; wrk_run proxied "$WORK/get.lua" "$PROXIED"; } 2>"$RESULTS"
awk '{rate[$1]=$2} END {printf "ratio proxied/direct: %.2f (goal >= 0.60)\n", rate["proxied"]/rate["direct"]}' "$RESULTS"
fi

[[ " $PARTS " == *" publish "* ]] || exit 0
echo "== publishing: batches of $BATCH events of $EVENT_BYTES bytes through the gateway vs ProducerPerformance"
[[ -d "$KAFKA_LIB" ]] || { echo "no Kafka jars at $KAFKA_LIB (./suite infra fetches them)"; exit 1; }
python3 - "$BATCH" "$EVENT_BYTES" >"$WORK/batch.json" <<'PY'
import json, sys, uuid
batch, size = int(sys.argv[1]), int(sys.argv[2])
print(json.dumps([{"specversion": "1.0", "id": str(uuid.uuid4()), "source": "/bench", "type": "bench.published",
                   "datacontenttype": "application/json", "data": {"payload": "x" * (size - 16)}}
                  for _ in range(batch)]))
PY
cat >"$WORK/publish.lua" <<LUA
wrk.method = "POST"
local file = io.open("$WORK/batch.json", "r")
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/cloudevents-batch+json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
wrk_result_lua >>"$WORK/publish.lua"
PUBLISH="http://127.0.0.1:$GATEWAY_PORT/api/events/v1/tenants/$TENANT/events"
curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/cloudevents-batch+json' --data-binary @"$WORK/batch.json" \
  "$PUBLISH" >/dev/null || { echo "the gateway does not accept the batch"; tail -20 "$WORK/gateway.log"; exit 1; }
wrk_warm_up "$WORK/publish.lua" "$PUBLISH" "$WARMUP"
wrk_run "gateway batches" "$WORK/publish.lua" "$PUBLISH" 2>>"$RESULTS"
PERF_TOPIC="bench.producer-performance.$NOW"
java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --create --topic "$PERF_TOPIC" \
  --partitions 3 --replication-factor 1 >/dev/null
java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.ProducerPerformance --topic "$PERF_TOPIC" \
  --num-records "$PRODUCER_RECORDS" --record-size "$EVENT_BYTES" --throughput -1 \
  --producer-props bootstrap.servers="$KAFKA" acks=all enable.idempotence=true 2>/dev/null | tail -1 | tee "$WORK/perf"
java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "$PERF_TOPIC" \
  >/dev/null 2>&1 || true
awk -v batch="$BATCH" '$1 == "gateway" {gw = $3 * batch} END {printf "%s", gw}' "$RESULTS" >"$WORK/gw-rate"
awk -v gw="$(cat "$WORK/gw-rate")" '{for (i = 1; i <= NF; i++) if ($i ~ /^records\/sec/) perf = $(i - 1)}
  END {printf "gateway %.0f events/s, ProducerPerformance %.0f records/s: ratio %.2f (goal >= 0.50)\n", gw, perf,
    gw / perf}' "$WORK/perf"
