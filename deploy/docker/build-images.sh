#!/usr/bin/env bash
# Builds the JVM images of the six services and of corectl with podman, then starts two of them to show they run:
# corectl (`version`) and security-service against the Redis and Kafka of a local suite (`./suite infra`), until its
# liveness check answers. Not part of CI: it needs podman and a registry to pull the base image from.
#
#   deploy/docker/build-images.sh [--tag TAG] [--prefix PREFIX] [--base-image IMAGE] [--skip-maven] [--no-smoke]
#
#   --tag          image tag (default: the project version)          --prefix  image name prefix (default: tenancy-core)
#   --base-image   JVM base image (default: Dockerfile.jvm's UBI OpenJDK 17 runtime)
#   --skip-maven   use the packages already in */target/quarkus-app  --no-smoke  build only
#   REDIS_URL (redis://127.0.0.1:6379), KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:9092): what the smoke test connects to.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

MODULES=(event-gateway config-service security-service alert-service template-service workflow-service admin-cli)
PREFIX=tenancy-core
TAG=""
BASE_IMAGE=""
MAVEN=true
SMOKE=true
while (($#)); do
  case "$1" in
    --tag) TAG="$2"; shift 2 ;;
    --prefix) PREFIX="$2"; shift 2 ;;
    --base-image) BASE_IMAGE="$2"; shift 2 ;;
    --skip-maven) MAVEN=false; shift ;;
    --no-smoke) SMOKE=false; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v podman >/dev/null || { echo "podman is missing (apt-get install -y podman)" >&2; exit 1; }
[[ -n "$TAG" ]] || TAG="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)"

if $MAVEN; then
  ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${MODULES[*]}")" -am
fi

base_args=()
[[ -n "$BASE_IMAGE" ]] && base_args=(--build-arg "BASE_IMAGE=$BASE_IMAGE")
for module in "${MODULES[@]}"; do
  name="$module"
  [[ "$module" == admin-cli ]] && name=corectl
  [[ -f "$module/target/quarkus-app/quarkus-run.jar" ]] || { echo "$module is not packaged (drop --skip-maven)" >&2; exit 1; }
  echo "[images] $PREFIX/$name:$TAG"
  podman build -q -f deploy/docker/Dockerfile.jvm --build-arg "SERVICE=$module" "${base_args[@]}" \
    -t "$PREFIX/$name:$TAG" .
done
$SMOKE || exit 0

# 1. corectl answers without any infrastructure.
podman run --rm "$PREFIX/corectl:$TAG" version

# 2. security-service starts as the non-root user, on a read-only root file system with only /tmp writable (as the
#    chart runs it), with throwaway secrets, and reports itself live.
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
kafka="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
container="tenancy-smoke-$$"
trap 'podman rm -f "$container" >/dev/null 2>&1 || true' EXIT
podman run -d --name "$container" --network host --read-only --tmpfs /tmp --user 185 \
  -e QUARKUS_HTTP_PORT=18082 -e QUARKUS_MANAGEMENT_PORT=19082 \
  -e QUARKUS_REDIS_HOSTS="$redis_url/14" -e KAFKA_BOOTSTRAP_SERVERS="$kafka" \
  -e ENCRYPTION_KEY="$(openssl rand -base64 32)" -e TENANCY_ADMIN_SECRET="$(openssl rand -hex 24)" \
  "$PREFIX/security-service:$TAG" >/dev/null
for _ in $(seq 1 60); do
  if curl -fs http://127.0.0.1:19082/q/health/live >/dev/null 2>&1; then
    echo "[images] security-service container is live (user $(podman exec "$container" id -u), read-only root)"
    exit 0
  fi
  sleep 1
done
podman logs "$container" | tail -20 >&2
echo "[images] security-service did not become live in 60 s" >&2
exit 1
