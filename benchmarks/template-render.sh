#!/usr/bin/env bash
# Rendering welcome_email over HTTP vs. a bare Quarkus endpoint, in one run of one template-service process.
#
#   benchmarks/template-render.sh            (DURATION=20s THREADS=2 CONNECTIONS=32 PORT=18084)
#
# Builds template-service with the `bench` profile (which adds the bare endpoint POST /bench/bare), starts it against
# the Redis and Kafka of KAFKA_BOOTSTRAP_SERVERS / QUARKUS_REDIS_HOSTS (defaults localhost), signs a JWT with a key
# pair made for this run, then drives both endpoints with wrk (apt: wrk) and prints requests/s, latency and the ratio.
set -euo pipefail
# shellcheck source=benchmarks/lib/wrk.sh
source "$(dirname "$0")/lib/wrk.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/tokens.sh
source "$ROOT/benchmarks/lib/tokens.sh"
PORT="${PORT:-18084}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
SERVICE_PID=""

cleanup() {
  if [[ -n "$SERVICE_PID" ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  if command -v redis-cli >/dev/null; then
    redis-cli --scan --pattern "template:{$TENANT}:*" | xargs -r redis-cli del >/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cd "$ROOT"
./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl template-service -am package -DskipTests -Dquarkus.profile=bench

# A key pair for this run only; the service trusts its public half.
bench_keys "$WORK"
NOW=$(date +%s)
TOKEN="$(bench_token "$WORK" "$(printf '{"iss":"bench","aud":["tenancy-core"],"sub":"bench@%s","tenant_id":"%s","groups":["tenant-user"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$TENANT" "$TENANT" "$NOW" "$((NOW + 3600))" "$(cat /proc/sys/kernel/random/uuid)")")"

java -Dquarkus.profile=bench -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
  -Dmp.jwt.verify.publickey.location="$WORK/pub.pem" -Dmp.jwt.verify.issuer=bench \
  -Dtenancy.instance-id=bench -Xmx512m \
  -jar template-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/q/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done

BODY='{"data":{"user":"Jean"},"locale":"fr"}'
RENDER_URL="http://127.0.0.1:$PORT/v1/tenants/$TENANT/templates/welcome_email/render"
BARE_URL="http://127.0.0.1:$PORT/bench/bare"
curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$BODY" "$RENDER_URL" \
  | grep -q 'Bonjour Jean' || { echo "render check failed" >&2; cat "$WORK/service.log" >&2; exit 1; }

write_post_script "$WORK/post.lua" "$BODY" "$TOKEN"


echo "template-service welcome_email render vs bare endpoint: $THREADS threads, $CONNECTIONS connections, $DURATION, $(nproc) cores"
wrk_warm_up "$WORK/post.lua" "$BARE_URL" "$WARMUP"
wrk_warm_up "$WORK/post.lua" "$RENDER_URL" "$WARMUP"
{ wrk_run "bare /bench/bare" "$WORK/post.lua" "$BARE_URL"; wrk_run "render welcome_email" "$WORK/post.lua" "$RENDER_URL"; } 2>"$WORK/rates"
awk 'NR == 1 { bare = $NF } NR == 2 { render = $NF } END {
  printf "render / bare = %.2f (rendering costs %.1fx the bare round trip)\n", render / bare, bare / render }' "$WORK/rates"
