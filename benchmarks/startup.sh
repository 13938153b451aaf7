#!/usr/bin/env bash
# Startup time and resident memory of each service in JVM mode (goal: under 2 s and 200 MB each), as built and, in
# the same run, from an AOT cache on JDK 25+ (JEP 483/514: classes loaded and linked ahead of time).
#
#   benchmarks/startup.sh                 # ROUNDS=3 restarts of each service in each mode
#   AOT_JAVA_HOME= benchmarks/startup.sh  # as built only
#   ONLY="config-service workflow-service" ROUNDS=2 benchmarks/startup.sh
#
# Brings the suite up (`./suite up`: Redis, Kafka, the six services with the suite's JVM options, -Xmx384m by
# default). With a JDK 25+ (AOT_JAVA_HOME, default: the first /usr/lib/jvm/*25* found), `./suite aot` makes each
# service's cache with a training run first. Then it restarts one service at a time as a crashed pod would be
# (`./suite kill`, `./suite start`) while the others stay up, alternating the modes round by round so that both
# see the same machine, and records for each start: Quarkus's own "started in" figure, the wall time from launching
# the JVM to its readiness check answering UP, and the RSS once ready and after 10 s idle.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
OFFSET="${SUITE_PORT_OFFSET:-0}"
LOGS="${SUITE_DATA:-$ROOT/.data}/logs"
PIDS="${SUITE_DATA:-$ROOT/.data}/pids"
SERVICES=(event-gateway:8080 config-service:8081 security-service:8082 alert-service:8083 template-service:8084
  workflow-service:8085)
if [[ -n "${ONLY:-}" ]]; then
  chosen=()
  for entry in "${SERVICES[@]}"; do [[ " $ONLY " == *" ${entry%%:*} "* ]] && chosen+=("$entry"); done
  SERVICES=("${chosen[@]}")
fi
if [[ -z "${AOT_JAVA_HOME+set}" ]]; then
  AOT_JAVA_HOME="$(find /usr/lib/jvm -maxdepth 1 -name '*25*' -type d 2>/dev/null | sort | head -1)"
fi
MODES=(built)
[[ -n "$AOT_JAVA_HOME" ]] && MODES+=(aot)

"$ROOT/suite" up >/dev/null
if [[ -n "$AOT_JAVA_HOME" ]]; then
  echo "training runs: SUITE_JAVA_HOME=$AOT_JAVA_HOME ./suite aot" >&2
  # shellcheck disable=SC2046
  SUITE_JAVA_HOME="$AOT_JAVA_HOME" "$ROOT/suite" aot $(for entry in "${SERVICES[@]}"; do printf '%s ' "${entry%%:*}"; done) \
    >/dev/null
fi
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
start_in_mode() {
  if [[ "$1" == aot ]]; then
    SUITE_JAVA_HOME="$AOT_JAVA_HOME" SUITE_AOT=1 "$ROOT/suite" start "$2"
  else
    "$ROOT/suite" start "$2"
  fi
}

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
printf '%-17s %-5s %5s %12s %14s %14s %16s\n' service mode round "started in" "to ready (s)" "RSS ready MB" \
  "RSS idle 10s MB"
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}"
  ready_url="http://127.0.0.1:$((${entry##*:} + OFFSET + 1000))/q/health/ready"
  for round in $(seq 1 "$ROUNDS"); do
    for mode in "${MODES[@]}"; do
      "$ROOT/suite" kill "$name" >/dev/null
      begin=$(now_ms)
      start_in_mode "$mode" "$name" >/dev/null &
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
      to_ready="$(awk "BEGIN {print ($ready - $begin) / 1000}")"
      printf '%-17s %-5s %5s %12s %14.2f %14s %16s\n' "$name" "$mode" "$round" "$quarkus" "$to_ready" "$rss_ready" \
        "$rss_idle"
      printf '%s %s %s %s %s\n' "$name" "$mode" "${quarkus%s}" "$to_ready" "$rss_idle" >>"$results"
    done
  done
done
# The services stay as the last mode left them; put them back as built.
for entry in "${SERVICES[@]}"; do
  "$ROOT/suite" kill "${entry%%:*}" >/dev/null
  "$ROOT/suite" start "${entry%%:*}" >/dev/null
done

echo
echo "median per service and mode"
printf '%-17s %-5s %12s %14s %16s\n' service mode "started in" "to ready (s)" "RSS idle MB"
for entry in "${SERVICES[@]}"; do
  for mode in "${MODES[@]}"; do
    awk -v s="${entry%%:*}" -v m="$mode" '$1 == s && $2 == m {q[++n] = $3; r[n] = $4; m2[n] = $5}
      function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j] < a[j - 1]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      END { if (n) printf "%-17s %-5s %11.2fs %14.2f %16.0f\n", s, m, median(q, n), median(r, n), median(m2, n) }' \
      "$results"
  done
done
echo "JVM options: ${SUITE_SERVICE_JAVA_OPTS:--Xmx384m}; built: $(java -version 2>&1 | head -1);" \
  "aot: ${AOT_JAVA_HOME:-none}; $(nproc) cores; the other five services up and idle"
