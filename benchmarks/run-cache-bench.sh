#!/usr/bin/env bash
# Builds the benchmarks module and runs TieredCacheBenchmark against a real Redis:
#   L1 hit vs. tiered get served by Redis (L1 off) vs. plain Redis GET, then prints ops/s and the L1/plain ratio.
# Usage: benchmarks/run-cache-bench.sh [extra JMH options]    (REDIS_URL, default redis://127.0.0.1:6379)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
RESULTS="$ROOT/benchmarks/target/cache-bench.csv"

cd "$ROOT"
./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl benchmarks -am package -DskipTests

CLASSPATH="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
java -cp "$CLASSPATH" org.openjdk.jmh.Main TieredCacheBenchmark \
  -f 1 -wi 3 -w 1s -i 5 -r 2s -t 1 \
  -jvmArgsAppend "-Dredis.url=$REDIS_URL" \
  -rf csv -rff "$RESULTS" "$@"

awk -F',' '
  NR > 1 {
    gsub(/"/, "", $1); name = $1; sub(/.*\./, "", name)
    score[name] = $5; error[name] = $6
  }
  END {
    printf "\n%-16s %16s %12s\n", "benchmark", "ops/s", "+/-"
    for (n in score) printf "%-16s %16.0f %12.0f\n", n, score[n], error[n]
    if (score["plainRedisGet"] > 0) {
      printf "\nL1 hit / plain Redis GET = %.1fx\n", score["tieredL1Hit"] / score["plainRedisGet"]
      printf "L2 hit / plain Redis GET = %.2fx\n", score["tieredL2Hit"] / score["plainRedisGet"]
    }
  }' "$RESULTS"
