#!/usr/bin/env bash
# Transit encrypt and decrypt over HTTP vs. bare Quarkus endpoints of the same shape, in one run of one
# security-service process.
#
#   benchmarks/security-transit.sh      (DURATION=20s WARMUP=30s THREADS=2 CONNECTIONS=32 PORT=18082 REDIS_DB=13 PLAINTEXT_BYTES=64)
#   SERVICE_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/transit.jfr' benchmarks/security-transit.sh   # profile it
#
# Builds security-service with the `bench` profile (which adds POST /bench/bare/{encrypt,decrypt}), generates a master
# key (ENCRYPTION_KEY) and a platform-admin secret for this run only, starts the service on its own Redis database
# (REDIS_DB; its security:* keys are removed before and after) and the Kafka of KAFKA_BOOTSTRAP_SERVERS, obtains a
# tenant token through POST /v1/auth/token, creates a transit key, then drives all four endpoints with wrk
# (apt: wrk) and prints requests/s, latency and the ratios.
set -euo pipefail
# shellcheck source=benchmarks/lib/wrk.sh
source "$(dirname "$0")/lib/wrk.sh"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-18082}"
REDIS_DB="${REDIS_DB:-13}"
PLAINTEXT_BYTES="${PLAINTEXT_BYTES:-64}"
REDIS_URL="${REDIS_URL:-redis://localhost:6379}"
WORK="$(mktemp -d)"
TENANT="bench-$(date +%s)"
SERVICE_PID=""

redis_db() { redis-cli -u "$REDIS_URL/$REDIS_DB" "$@"; }
forget_bench_keys() {
  # only the bench database, only security-service's keys: a master key of an earlier run could not unwrap them
  if command -v redis-cli >/dev/null; then
    redis_db --scan --pattern 'security:*' | xargs -r redis-cli -u "$REDIS_URL/$REDIS_DB" del >/dev/null || true
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
./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl security-service -am package -DskipTests -Dquarkus.profile=bench
forget_bench_keys

# Secrets of this run only, handed over in the environment as a deployment would; never written to the log.
ENCRYPTION_KEY="$(openssl rand -base64 32)"
TENANCY_ADMIN_SECRET="$(openssl rand -hex 24)"
ENCRYPTION_KEY="$ENCRYPTION_KEY" TENANCY_ADMIN_SECRET="$TENANCY_ADMIN_SECRET" \
  QUARKUS_REDIS_HOSTS="$REDIS_URL/$REDIS_DB" \
  java -Dquarkus.profile=bench -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" -Dtenancy.instance-id=bench -Xmx512m ${SERVICE_JVM_OPTS:-} \
  -jar security-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/q/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done

json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
token() { # client_id secret
  curl -fs -d grant_type=client_credentials --data-urlencode "client_id=$1" --data-urlencode "client_secret=$2" \
    "$BASE/v1/auth/token" | json access_token
}
ADMIN="$(token platform-admin "$TENANCY_ADMIN_SECRET")"
curl -fs -X POST -H "Authorization: Bearer $ADMIN" "$BASE/v1/tenants/$TENANT/roles/defaults" >/dev/null
CLIENT="$(curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","roles":["tenant-user"]}' "$BASE/v1/tenants/$TENANT/clients")"
# the tenant's everyday role (keys:encrypt, keys:decrypt), the way an application calls transit
TOKEN="$(token "$(json client_id <<<"$CLIENT")" "$(json client_secret <<<"$CLIENT")")"
curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  "$BASE/v1/tenants/$TENANT/keys" >/dev/null

PLAINTEXT="$(head -c "$PLAINTEXT_BYTES" /dev/urandom | base64 -w0)"
ENCRYPT_BODY="{\"plaintext\":\"$PLAINTEXT\"}"
ENCRYPT_URL="$BASE/v1/tenants/$TENANT/keys/bench/encrypt"
DECRYPT_URL="$BASE/v1/tenants/$TENANT/keys/bench/decrypt"
CIPHERTEXT="$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$ENCRYPT_BODY" \
  "$ENCRYPT_URL" | json ciphertext)"
DECRYPT_BODY="{\"ciphertext\":\"$CIPHERTEXT\"}"
[[ "$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$DECRYPT_BODY" \
  "$DECRYPT_URL" | json plaintext)" == "$PLAINTEXT" ]] || { echo "round trip check failed" >&2; exit 1; }

write_post_script "$WORK/encrypt.lua" "$ENCRYPT_BODY" "$TOKEN"
write_post_script "$WORK/decrypt.lua" "$DECRYPT_BODY" "$TOKEN"


echo "security-service transit vs bare endpoints: $PLAINTEXT_BYTES-byte plaintext, $THREADS threads, $CONNECTIONS connections, $DURATION, $(nproc) cores"
# every endpoint is warmed up (JIT, connection pools) before the first measurement, so order does not favour any
wrk_warm_up "$WORK/encrypt.lua" "$BASE/bench/bare/encrypt" "$WARMUP"
wrk_warm_up "$WORK/encrypt.lua" "$ENCRYPT_URL" "$WARMUP"
wrk_warm_up "$WORK/decrypt.lua" "$BASE/bench/bare/decrypt" "$WARMUP"
wrk_warm_up "$WORK/decrypt.lua" "$DECRYPT_URL" "$WARMUP"
{
  wrk_run "bare /bench/bare/encrypt" "$WORK/encrypt.lua" "$BASE/bench/bare/encrypt"
  wrk_run "transit encrypt" "$WORK/encrypt.lua" "$ENCRYPT_URL"
  wrk_run "bare /bench/bare/decrypt" "$WORK/decrypt.lua" "$BASE/bench/bare/decrypt"
  wrk_run "transit decrypt" "$WORK/decrypt.lua" "$DECRYPT_URL"
} 2>"$WORK/rates"
awk '{ rate[NR] = $NF } END {
  printf "encrypt / bare = %.2f (encrypt costs %.1fx the bare round trip)\n", rate[2] / rate[1], rate[1] / rate[2]
  printf "decrypt / bare = %.2f (decrypt costs %.1fx the bare round trip)\n", rate[4] / rate[3], rate[3] / rate[4] }' \
  "$WORK/rates"
