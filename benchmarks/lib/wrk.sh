# Shared by the HTTP benchmarks (sourced): wrk scripts that POST a JSON body with a bearer token and print one
# machine-readable line: RESULT <req/s> <p50 ms> <p99 ms> <non-2xx/3xx> <timeouts>.

# write_post_script FILE BODY TOKEN
write_post_script() {
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
end
LUA
}
