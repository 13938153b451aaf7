#!/usr/bin/env bash
# The same GET through the gateway (JWT check, tenant isolation, quota counted in Redis, proxy) and directly at the
# service, in one run: config-service's effective-config read (a tiered-cache hit), so the difference is the edge.
# Goal (issue 10): proxied >= 0.6x the direct rate, p99 at most 2 ms more.
#
# Starts: a private Redis on $BENCH_REDIS_PORT, config-service on $PORT and event-gateway on $GATEWAY_PORT (both
# packaged here, management ports +1000). Uses the Kafka at $KAFKA (default 127.0.0.1:9092). Needs wrk, redis-server,
# redis-cli, openssl.
#
#   benchmarks/gateway-proxy.sh          # DURATION=20s CONNECTIONS=32 THREADS=2 by default (benchmarks/lib/wrk.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/wrk.sh
source "$ROOT/benchmarks/lib/wrk.sh"
BENCH_REDIS_PORT="${BENCH_REDIS_PORT:-6390}"
PORT="${PORT:-18081}"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
KAFKA="${KAFKA:-127.0.0.1:9092}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$BENCH_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building config-service and event-gateway"
(cd "$ROOT" && ./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl config-service,event-gateway -am package -DskipTests)

echo "== private Redis on :$BENCH_REDIS_PORT"
redis-server --daemonize yes --bind 127.0.0.1 --port "$BENCH_REDIS_PORT" --save '' --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log"

echo "== signing key and a tenant-admin token"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
openssl rsa -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem" 2>/dev/null
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
PAYLOAD=$(printf '{"iss":"tenancy-core","aud":["tenancy-core"],"sub":"bench@%s","tenant_id":"%s","groups":["tenant-admin"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$TENANT" "$TENANT" "$NOW" $((NOW + 3600)) "$RANDOM$RANDOM" | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIGNATURE"

# start NAME JAR HTTP_PORT EXTRA_ARGS...
start() {
  local name="$1" jar="$2" port="$3"
  shift 3
  java -Xmx512m -Dquarkus.http.port="$port" -Dquarkus.management.port="$((port + 1000))" \
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
  -Dtenancy.gateway.quota.default-per-hour=1000000000

AUTH="Authorization: Bearer $TOKEN"
PATH_AND_QUERY="/v1/tenants/$TENANT/config?env=prod"
DIRECT="http://127.0.0.1:$PORT$PATH_AND_QUERY"
PROXIED="http://127.0.0.1:$GATEWAY_PORT/api/config$PATH_AND_QUERY"
for key in db.pool.size db.url feature.search cache.ttl; do
  curl -fs -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d '{"value": 42}' \
    "http://127.0.0.1:$PORT/v1/tenants/$TENANT/config/keys/$key" >/dev/null
done
curl -fs -H "$AUTH" "$DIRECT" >/dev/null
curl -fs -H "$AUTH" "$PROXIED" >/dev/null || { echo "the gateway does not proxy"; cat "$WORK/gateway.log"; exit 1; }

cat >"$WORK/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
end
LUA

echo "== warm-up"
wrk_warm_up "$WORK/get.lua" "$DIRECT" 5s
wrk_warm_up "$WORK/get.lua" "$PROXIED" 5s
echo "== measured ($DURATION each, $CONNECTIONS connections)"
RESULTS="$WORK/results"
{ wrk_run direct "$WORK/get.lua" "$DIRECT"; wrk_run proxied "$WORK/get.lua" "$PROXIED"; } 2>"$RESULTS"
awk '{rate[$1]=$2} END {printf "ratio proxied/direct: %.2f (goal >= 0.60)\n", rate["proxied"]/rate["direct"]}' "$RESULTS"
