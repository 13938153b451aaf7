#!/usr/bin/env bash
# Startup time and resident memory of each service in JVM mode (goal: under 2 s and 200 MB each).
#
#   benchmarks/startup.sh        # ROUNDS=3 restarts of each service
#
# Brings the suite up (`./suite up`: Redis, Kafka, the six services with the suite's JVM options, -Xmx384m by
# default), then restarts one service at a time as a crashed pod would be (`./suite kill`, `./suite start`) while the
# others stay up, and records for each start: Quarkus's own "started in" figure (JVM start to listening), the wall
# time from launching the JVM to its readiness check answering UP, and the RSS once ready and after 10 s idle.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
OFFSET="${SUITE_PORT_OFFSET:-0}"
LOGS="${SUITE_DATA:-$ROOT/.data}/logs"
PIDS="${SUITE_DATA:-$ROOT/.data}/pids"
SERVICES=(event-gateway:8080 config-service:8081 security-service:8082 alert-service:8083 template-service:8084
  workflow-service:8085)

"$ROOT/suite" up >/dev/null
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

printf '%-17s %5s %12s %14s %14s %16s\n' service round "started in" "to ready (s)" "RSS ready MB" "RSS idle 10s MB"
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"
  ready_url="http://127.0.0.1:$((${entry##*:} + OFFSET + 1000))/q/health/ready"
  for round in $(seq 1 "$ROUNDS"); do
    "$ROOT/suite" kill "$name" >/dev/null
    begin=$(now_ms)
    "$ROOT/suite" start "$name" >/dev/null &
    starter=$!
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$ready_url")" == 200 ]]; do
      (($(now_ms) - begin < 120000)) || { echo "$name not ready after 120 s" >&2; exit 1; }
      sleep 0.05
    done
    ready=$(now_ms)
    wait "$starter"
    pid="$(<"$PIDS/$name.pid")"
    rss_ready=$(rss_mb "$pid")
    sleep 10
    rss_idle=$(rss_mb "$pid")
    # Quarkus logs "<app> <version> on JVM (powered by Quarkus x) started in 1.234s."
    quarkus=$(grep -o 'started in [0-9.]*s' "$LOGS/$name.log" | tail -1 | awk '{print $3}')
    printf '%-17s %5s %12s %14.2f %14s %16s\n' "$name" "$round" "$quarkus" \
      "$(awk "BEGIN {print ($ready - $begin) / 1000}")" "$rss_ready" "$rss_idle"
  done
done
echo "JVM options: ${SUITE_SERVICE_JAVA_OPTS:--Xmx384m}; $(nproc) cores; the other five services up and idle"
