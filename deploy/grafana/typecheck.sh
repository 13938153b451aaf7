#!/usr/bin/env bash
# Type-checks deploy/grafana/dashboards/*.json against Grafana's own dashboard model: each file becomes
# `export const x = <json> satisfies Dashboard` and tsc --strict checks it (field names, types, enums; Grafana itself
# cannot run here). @grafana/schema and TypeScript come from the npm registry, pinned, into a cache folder, once.
# Called by deploy/verify.sh (./suite test); alone: deploy/grafana/typecheck.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${DEPLOY_TOOLS_DIR:-$root/.data/tools}/grafana-schema"
schema_package="@grafana/schema@13.2.3"
typescript_package="typescript@5.9.3"
if [[ ! -x "$tools/node_modules/.bin/tsc" || ! -d "$tools/node_modules/@grafana/schema" ]]; then
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{"private": true}' >"$tools/package.json"
  (cd "$tools" && npm install --silent --no-audit --no-fund "$schema_package" "$typescript_package" >/dev/null)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$tools/node_modules" "$work/node_modules"
count=0
for file in "$root"/deploy/grafana/dashboards/*.json; do
  name="$(basename "$file" .json | tr - _)"
  # on one line with the JSON's closing brace: a line break before `satisfies` would end the statement
  printf "import type { Dashboard } from '@grafana/schema';\nexport const %s = %s satisfies Dashboard;\n" \
    "$name" "$(<"$file")" >"$work/$name.ts"
  count=$((count + 1))
done
((count > 0)) || { echo "no dashboards in deploy/grafana/dashboards" >&2; exit 1; }
(cd "$work" && ./node_modules/.bin/tsc --noEmit --strict --skipLibCheck --moduleResolution node --module commonjs \
  --target es2020 ./*.ts)
echo "deploy/grafana/dashboards: $count dashboards type-check against $schema_package"
