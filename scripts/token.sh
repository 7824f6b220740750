#!/usr/bin/env bash
# Prints an access token for an account, from the identity service through the gateway (password grant of
# the development CLI client). Usage: scripts/token.sh <account> [password]
#   account: a demo account (README: admin, county-320583, city-320500, province, expert-1, finance, ...)
#            or a registered applicant's credit code; password defaults to the demo password.
#   IPPLATFORM_GATEWAY overrides the gateway address (default http://localhost:8080).
set -euo pipefail
account="${1:?usage: scripts/token.sh <account> [password]}"
password="${2:-Demo-2022!}"
gateway="${IPPLATFORM_GATEWAY:-http://localhost:8080}"

response=$(curl -sS -X POST "$gateway/connect/token" \
  --data-urlencode grant_type=password --data-urlencode client_id=ipplatform-cli \
  --data-urlencode "username=$account" --data-urlencode "password=$password" --data-urlencode "scope=api offline_access")
token=$(printf '%s' "$response" | jq -r '.access_token // empty')
if [ -z "$token" ]; then
  echo "no token for '$account': $response" >&2
  exit 1
fi
printf '%s\n' "$token"
