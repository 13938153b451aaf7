#!/usr/bin/env bash
# Alertmanager v2 ingest: the same batches POSTed to alert-service's POST /api/v2/alerts and to a real Prometheus
# Alertmanager (Debian package prometheus-alertmanager), in one run, as alerts/s of each.
#
#   benchmarks/alert-ingest.sh     (DURATION=20s WARMUP=30s THREADS=2 CONNECTIONS=32 TIMEOUT=30s BATCH=100 DISTINCT=5000
#                                   INGEST_CONCURRENCY=16 SKIP_BUILD=0
#                                   PORT=18083 AM_PORT=19093 REDIS_URL=redis://localhost:6379 REDIS_DB=14
#                                   KAFKA_BOOTSTRAP_SERVERS=localhost:9092)
#   SERVICE_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/alert.jfr,settings=profile' benchmarks/alert-ingest.sh
#
# Builds alert-service, starts it on its own Redis database (REDIS_DB; emptied before and after) with a JWT key pair made
# for this run, and the Alertmanager binary on a loopback port with a minimal config (one route to a receiver that
# sends nothing: both sides store and group, neither notifies). wrk (apt: wrk) posts batches of BATCH alerts the way
# Prometheus does (labels, annotations, startsAt, generatorURL); each request takes the next BATCH of DISTINCT label
# sets, so alerts are created first and then re-sent and deduplicated, as a Prometheus re-sending every minute does.
# After the runs it checks that every alert alert-service answered 200 for was persisted (each post counted in Redis)
# and reads what the Alertmanager holds, then prints alerts/s of each and their ratio, and the CPU time each process
# spent per 1000 alerts during its run (what the rates depend on when the machine is shared).
set -euo pipefail
# shellcheck source=benchmarks/lib/wrk.sh
source "$(dirname "$0")/lib/wrk.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-18083}"
AM_PORT="${AM_PORT:-19093}"
BATCH="${BATCH:-100}"
DISTINCT="${DISTINCT:-5000}"
REDIS_URL="${REDIS_URL:-redis://localhost:6379}"
REDIS_DB="${REDIS_DB:-14}"
KAFKA="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
AM_BIN="${AM_BIN:-$(command -v prometheus-alertmanager || command -v alertmanager || true)}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
SERVICE_PID=""
AM_PID=""

redis_db() { redis-cli -u "$REDIS_URL/$REDIS_DB" "$@"; }
cleanup() {
  for pid in "$SERVICE_PID" "$AM_PID"; do
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  redis_db flushdb >/dev/null 2>&1 || true
  # the service's log stays for a look (never a secret in it: the token is not logged)
  cp "$WORK/service.log" "${TMPDIR:-/tmp}/alert-ingest-service.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v redis-cli >/dev/null || { echo "redis-cli is missing: apt-get install -y redis-tools" >&2; exit 1; }
[[ -n "$AM_BIN" ]] || { echo "Alertmanager is missing: apt-get install -y prometheus-alertmanager" >&2; exit 1; }
(( DISTINCT <= 10000 )) || { echo "DISTINCT is at most 10000 (alerts per tenant)" >&2; exit 1; }

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl alert-service -am package -DskipTests
fi
redis_db flushdb >/dev/null

# The Alertmanager: one route to a receiver without integrations, group_wait long enough that it never notifies.
cat >"$WORK/alertmanager.yml" <<YAML
route:
  receiver: blackhole
  group_by: [alertname]
  group_wait: 1h
  group_interval: 1h
  repeat_interval: 4h
receivers:
  - name: blackhole
YAML
"$AM_BIN" --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/am-data" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= --log.level=warn >"$WORK/am.log" 2>&1 &
AM_PID=$!

# A key pair for this run only; alert-service trusts its public half.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl rsa -in "$WORK/private.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
PAYLOAD=$(printf '{"iss":"bench","aud":["tenancy-core"],"sub":"prometheus@%s","tenant_id":"%s","groups":["tenant-admin"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$TENANT" "$TENANT" "$NOW" "$((NOW + 3600))" "$(cat /proc/sys/kernel/random/uuid)" | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/private.pem" | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIGNATURE"

# alert-service with the platform's settings, its own Redis database and no notification (no routing document)
QUARKUS_REDIS_HOSTS="$REDIS_URL/$REDIS_DB" KAFKA_BOOTSTRAP_SERVERS="$KAFKA" \
  java -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
  -Dmp.jwt.verify.publickey.location="$WORK/public.pem" -Dmp.jwt.verify.issuer=bench \
  -Dquarkus.log.console.json.enabled=false -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.tenancycore.access\".level=WARN \
  -Dtenancy.alerts.ingest-concurrency="${INGEST_CONCURRENCY:-16}" \
  -Dtenancy.instance-id=bench -Xmx512m ${SERVICE_JVM_OPTS:-} \
  -jar alert-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/q/health/live" >/dev/null 2>&1 \
    && curl -fs "http://127.0.0.1:$AM_PORT/-/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  kill -0 "$AM_PID" 2>/dev/null || { cat "$WORK/am.log" >&2; exit 1; }
  sleep 0.5
done

# wrk script: batch n carries label sets (n*BATCH .. n*BATCH+BATCH-1) mod DISTINCT; the body is the same shape as
# what Prometheus sends. One script for both targets (the Alertmanager ignores the Authorization header).
cat >"$WORK/batches.lua" <<LUA
local batch, distinct = $BATCH, $DISTINCT
-- each thread starts at its own batch (setup runs in the main state, init in the thread's)
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = id * 7919
  accepted = 0
end
response = function(status, headers, body)
  if status == 200 then accepted = accepted + batch end
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["X-Scope-OrgID"] = "$TENANT"
request = function()
  local parts = {}
  local base = (counter * batch) % distinct
  counter = counter + 1
  for i = 0, batch - 1 do
    local n = (base + i) % distinct
    parts[#parts + 1] = string.format('{"labels":{"alertname":"HighCPU","severity":"warning","instance":"node-%d:9100","job":"node"},'
      .. '"annotations":{"summary":"CPU above 90%% on node-%d"},"startsAt":"2026-12-01T00:00:00Z",'
      .. '"generatorURL":"http://prometheus:9090/graph?g0.expr=cpu"}', n, n)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
  -- alerts the target answered 200 for, warm-up included: what must be stored
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("accepted") end
  local file = io.open("ACCEPTED_FILE", "a")
  file:write(total, "\n")
  file:close()
end
LUA
sed "s|ACCEPTED_FILE|$WORK/accepted.am|" "$WORK/batches.lua" >"$WORK/am.lua"
sed "s|ACCEPTED_FILE|$WORK/accepted.svc|" "$WORK/batches.lua" >"$WORK/svc.lua"

# as lib/wrk.sh's, with a request timeout long enough for a slow batch (wrk's 2 s default drops them as timeouts)
TIMEOUT="${TIMEOUT:-30s}"
wrk_warm_up() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout "$TIMEOUT" -s "$1" "$2" >/dev/null; }
wrk_run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" -s "$2" "$3" | awk -v name="$1" '/^RESULT/ {
    printf "%-24s %10.1f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %d  timeouts %d\n", name, $2, $3, $4, $5, $6
    print name, $2 > "/dev/stderr" }'
}

AM_URL="http://127.0.0.1:$AM_PORT/api/v2/alerts"
SVC_URL="http://127.0.0.1:$PORT/api/v2/alerts"
echo "Alertmanager v2 ingest, batches of $BATCH alerts ($DISTINCT distinct), $THREADS threads, $CONNECTIONS connections, $DURATION, $(nproc) cores"
wrk_warm_up "$WORK/am.lua" "$AM_URL" "$WARMUP"
wrk_warm_up "$WORK/svc.lua" "$SVC_URL" "$WARMUP"
# CPU time (user + system, clock ticks) each process used during its own run: on a machine shared with other work the
# rates depend on the CPU share each got, the CPU per alert much less
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
{
  am_cpu=$(cpu_ticks "$AM_PID")
  wrk_run "alertmanager 0.25" "$WORK/am.lua" "$AM_URL"
  am_cpu=$(( $(cpu_ticks "$AM_PID") - am_cpu ))
  svc_cpu=$(cpu_ticks "$SERVICE_PID")
  wrk_run "alert-service" "$WORK/svc.lua" "$SVC_URL"
  svc_cpu=$(( $(cpu_ticks "$SERVICE_PID") - svc_cpu ))
} 2>"$WORK/rates"

# every alert alert-service answered 200 for is stored: its post is counted in alert:{t}:occurrences (dedup keeps
# one alert per label set, so the stored alerts are the distinct label sets those posts carried)
accepted=$(awk '{ n += $1 } END { print n + 0 }' "$WORK/accepted.svc")
counted=$(redis_db hvals "alert:{$TENANT}:occurrences" | awk '{ n += $1 } END { print n + 0 }')
stored=$(redis_db hlen "alert:{$TENANT}:alerts")
am_stored=$(curl -fs "http://127.0.0.1:$AM_PORT/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true" \
  | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "alert-service: $accepted alerts accepted (warm-up included), $counted counted in Redis, $stored distinct stored; alertmanager holds $am_stored"
awk -v batch="$BATCH" '{ rate[NR] = $NF * batch } END {
  printf "alerts/s: alertmanager %.0f, alert-service %.0f; alert-service / alertmanager = %.2f\n", rate[1], rate[2], rate[2] / rate[1] }' \
  "$WORK/rates"
seconds=$(awk -v d="$DURATION" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print n }')
awk -v batch="$BATCH" -v secs="$seconds" -v hz="$(getconf CLK_TCK)" -v am="$am_cpu" -v svc="$svc_cpu" '{ rate[NR] = $NF * batch } END {
  am_ms = am * 1000 / hz * 1000 / (rate[1] * secs); svc_ms = svc * 1000 / hz * 1000 / (rate[2] * secs)
  printf "CPU per 1000 alerts: alertmanager %.1f ms (%.1f s of CPU in its run), alert-service %.1f ms (%.1f s); alert-service / alertmanager = %.2f\n",
    am_ms, am / hz, svc_ms, svc / hz, svc_ms / am_ms }' "$WORK/rates"
(( counted >= accepted )) || { echo "alert-service accepted $accepted alerts but counted only $counted" >&2; exit 1; }
