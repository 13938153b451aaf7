#!/usr/bin/env bash
# Effective-config read (tiered-cache hit) over HTTP vs a bare Quarkus endpoint of the same app, in one run,
# plus the Redis commands a cached read costs (target: zero).
#
# Starts: a private Redis on $BENCH_REDIS_PORT (so INFO commandstats counts only this service), config-service
# built with the `bench` profile (adds the bare endpoint /bench/bare). Uses the Kafka at $KAFKA (default
# 127.0.0.1:9092). Needs wrk, redis-server, redis-cli, openssl. The tenant is registered first (with a minted
# platform-admin token), so the read pays the registry's tenant-status check as in production.
# Ports: BENCH_REDIS_PORT (6391), PORT (18081; management PORT+1000), KAFKA — set them to run beside a suite.
#
#   benchmarks/config-read.sh            # DURATION=15s WARMUP=30s CONNECTIONS=32 THREADS=2 ROUNDS=3 by default
#   BREAKDOWN=1 benchmarks/config-read.sh   # also: bare + JWT, bare + the tenant-request stack (where the cost goes)
#   SERVICE_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/config.jfr' benchmarks/config-read.sh   # profile it
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/tokens.sh
source "$ROOT/benchmarks/lib/tokens.sh"
DURATION="${DURATION:-15s}"
# shellcheck source=lib/wrk.sh
source "$ROOT/benchmarks/lib/wrk.sh"   # THREADS, CONNECTIONS and WARMUP defaults
ROUNDS="${ROUNDS:-3}"
BENCH_REDIS_PORT="${BENCH_REDIS_PORT:-6391}"
PORT="${PORT:-18081}"
KAFKA="${KAFKA:-127.0.0.1:9092}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; fi
  redis-cli -p "$BENCH_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building config-service with the bench profile"
(cd "$ROOT" && ./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl config-service -am package -DskipTests -Dquarkus.profile=bench \
  -Dquarkus.package.output-directory=bench-app)

echo "== private Redis on :$BENCH_REDIS_PORT"
redis-server --daemonize yes --bind 127.0.0.1 --port "$BENCH_REDIS_PORT" --save '' --appendonly no \
  --dir "$WORK" --logfile "$WORK/redis.log"

echo "== signing key and a tenant-admin token"
NOW=$(date +%s)
bench_keys "$WORK"
TOKEN="$(tenant_admin_token "$WORK" "$TENANT")"
PLATFORM_TOKEN="$(platform_admin_token "$WORK")"

echo "== starting config-service on :$PORT"
java -Xmx512m ${SERVICE_JVM_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" -Dquarkus.redis.hosts="redis://127.0.0.1:$BENCH_REDIS_PORT" \
  -Dkafka.bootstrap.servers="$KAFKA" -Dmp.jwt.verify.publickey.location="$WORK/pub.pem" \
  -Dtenancy.instance-id="bench-$NOW" -Dquarkus.log.level=WARN \
  -jar "$ROOT/config-service/target/bench-app/quarkus-run.jar" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/q/health/live" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.5
done

AUTH="Authorization: Bearer $TOKEN"
register_tenant "http://127.0.0.1:$PORT" "$PLATFORM_TOKEN" "$TENANT" ||
  { echo "could not register $TENANT"; tail -50 "$WORK/app.log"; exit 1; }
URL="http://127.0.0.1:$PORT/v1/tenants/$TENANT/config?env=prod"
for key in db.pool.size db.url feature.search cache.ttl; do
  curl -fs -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d '{"value": 42}' \
    "http://127.0.0.1:$PORT/v1/tenants/$TENANT/config/keys/$key" >/dev/null
done
curl -fs -H "$AUTH" "$URL" >/dev/null   # fill the cache
curl -fs "http://127.0.0.1:$PORT/bench/bare" >/dev/null || { echo "bare endpoint missing: not a bench build"; exit 1; }

echo "== Redis commands per cached read"
redis-cli -p "$BENCH_REDIS_PORT" config resetstat >/dev/null
READS=1000
for _ in $(seq 1 $READS); do curl -fs -H "$AUTH" "$URL" >/dev/null; done
COMMANDS=$(redis-cli -p "$BENCH_REDIS_PORT" info commandstats | grep -v 'cmdstat_info\|cmdstat_config' \
  | sed -n 's/.*calls=\([0-9]*\).*/\1/p' | awk '{s+=$1} END {print s+0}')
echo "redis commands during $READS cached reads: $COMMANDS ($(awk "BEGIN {printf \"%.3f\", $COMMANDS/$READS}") per read)"

run() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@")
  echo "$out" >&2
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}
echo "== warm-up"; wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "$URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$PORT/bench/bare" >/dev/null
# Rounds alternate bare and effective, so that a load change on a shared machine hits both alike; the ratio is
# of the summed rates.
BARE_SUM=0; OURS_SUM=0
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: bare Quarkus endpoint"; BARE=$(run "http://127.0.0.1:$PORT/bench/bare")
  echo "== round $round: effective config (cache hit, JWT check, tenant status, permission check, merged view with provenance)"
  OURS=$(run -H "$AUTH" "$URL")
  echo "round $round: bare $BARE req/s, effective $OURS req/s, ratio $(awk "BEGIN {printf \"%.2f\", $OURS/$BARE}")"
  BARE_SUM=$(awk "BEGIN {print $BARE_SUM + $BARE}"); OURS_SUM=$(awk "BEGIN {print $OURS_SUM + $OURS}")
done
echo
echo "bare:      $(awk "BEGIN {printf \"%.0f\", $BARE_SUM/$ROUNDS}") req/s (mean of $ROUNDS rounds of $DURATION)"
echo "effective: $(awk "BEGIN {printf \"%.0f\", $OURS_SUM/$ROUNDS}") req/s"
echo "ratio effective/bare: $(awk "BEGIN {printf \"%.2f\", $OURS_SUM/$BARE_SUM}")"

if [[ "${BREAKDOWN:-0}" == 1 ]]; then
  # Where the difference goes: the bare body with a token to verify, then behind the whole tenant-request stack
  # (tenant context, isolation, tenant status, permission check), then the effective view itself.
  BARE_URL="http://127.0.0.1:$PORT/bench/bare"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "$BARE_URL/tenants/$TENANT" >/dev/null
  echo "== breakdown"
  B0=$(run "$BARE_URL"); B1=$(run -H "$AUTH" "$BARE_URL"); B2=$(run -H "$AUTH" "$BARE_URL/tenants/$TENANT")
  B3=$(run -H "$AUTH" "$URL")
  for row in "bare:$B0" "bare + JWT verified:$B1" "bare + tenant stack:$B2" "effective view:$B3"; do
    printf '%-24s %8.0f req/s  %.2f of bare\n' "${row%%:*}" "${row##*:}" "$(awk "BEGIN {print ${row##*:}/$B0}")"
  done
fi
