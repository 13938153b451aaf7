# shellcheck shell=bash
# Shared by the HTTP benchmarks (sourced): wrk scripts that POST a JSON body with a bearer token and print one
# machine-readable line: RESULT <req/s> <p50 ms> <p99 ms> <non-2xx/3xx> <timeouts>.

# wrk_result_lua: the Lua `done` function every script ends with (prints the RESULT line)
wrk_result_lua() {
  cat <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
end
LUA
}

# write_post_script FILE BODY TOKEN
write_post_script() {
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
LUA
  wrk_result_lua >>"$1"
}

# Load shape shared by the benchmarks; each can be overridden from the environment.
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
# Unmeasured load before each measured run. On 2 cores the JIT (C2) of a path first exercised by the warm-up is still
# compiling after 5 s and takes up to half the CPU (seen in a JFR of the gateway: its C2 thread used as much CPU as
# its event loops), so a short warm-up measures the compiler, not the service.
WARMUP="${WARMUP:-30s}"

# wrk_warm_up LUA URL DURATION: load that is not measured (JIT, caches)
wrk_warm_up() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" -s "$1" "$2" >/dev/null
}

# wrk_run NAME LUA URL: one measured run; prints a row on stdout and "NAME REQ_PER_S" on stderr for the ratios
wrk_run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$2" "$3" | awk -v name="$1" '/^RESULT/ {
    printf "%-24s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %d  timeouts %d\n", name, $2, $3, $4, $5, $6
    print name, $2 > "/dev/stderr" }'
}
