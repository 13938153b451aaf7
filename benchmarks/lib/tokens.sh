# shellcheck shell=bash
# Shared by the benchmarks (sourced): a throwaway RS256 key pair and tokens signed with it, which the services under
# test trust through -Dmp.jwt.verify.publickey.location=<dir>/pub.pem (no security-service needed).

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# bench_keys DIR: writes DIR/key.pem and DIR/pub.pem
bench_keys() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/key.pem" 2>/dev/null
  openssl rsa -in "$1/key.pem" -pubout -out "$1/pub.pem" 2>/dev/null
}

# bench_token DIR PAYLOAD_JSON: a JWT of the payload signed with DIR/key.pem
bench_token() {
  local header payload
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
  payload=$(printf '%s' "$2" | b64url)
  printf '%s.%s.%s' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$1/key.pem" | b64url)"
}

# tenant_admin_token DIR TENANT: an hour's tenant-admin token of TENANT
tenant_admin_token() {
  local now
  now=$(date +%s)
  bench_token "$1" "$(printf '{"iss":"tenancy-core","aud":["tenancy-core"],"sub":"bench@%s","tenant_id":"%s","groups":["tenant-admin"],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$2" "$2" "$now" $((now + 3600)) "$RANDOM$RANDOM")"
}

# platform_admin_token DIR: an hour's platform-admin token (no tenant_id)
platform_admin_token() {
  local now
  now=$(date +%s)
  bench_token "$1" "$(printf '{"iss":"tenancy-core","aud":["tenancy-core"],"sub":"bench-platform","groups":["platform-admin"],"iat":%d,"exp":%d,"jti":"p%s"}' \
    "$now" $((now + 3600)) "$RANDOM$RANDOM")"
}

# register_tenant CONFIG_URL PLATFORM_TOKEN TENANT: config-service refuses tenants it does not know. Its hourly quota
# is one no run exhausts (the gateway still counts every request in Redis, as in production).
register_tenant() {
  curl -fsS -X POST -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d "{\"tenant_id\":\"$3\",\"name\":\"Bench\",\"email\":\"ops@bench.example.com\",\"api_quota_per_hour\":1000000,\"plan\":\"enterprise\",\"storage_quota_gb\":100.0,\"features\":[\"analytics\"]}" \
    "$1/v1/tenants" >/dev/null
}
