#!/usr/bin/env bash
# Runs every test: domain, service (SQLite + MassTransit harness) and end-to-end (the real AppHost with a
# private RabbitMQ node, through the gateway). Installs what the end-to-end tests need first.
# On failure it repeats, at the very end, each failed test with its message, so the tail of a CI log says what broke.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh
dotnet build IpPlatform.sln -c Debug -nologo -v quiet
results="$PWD/TestResults/run-$(date -u +%Y%m%dT%H%M%S)"
status=0
dotnet test --solution IpPlatform.sln --no-build -c Debug --report-ctrf --results-directory "$results" "$@" || status=$?
if [ "$status" -ne 0 ] && compgen -G "$results/*.ctrf" > /dev/null; then
  echo
  echo "=== failed tests ==="
  jq -r '.results.tests[] | select(.status == "failed")
         | "--- \(.name)\n\(.message // "")\n\((.trace // "") | split("\n")[0:12] | join("\n"))\n"' "$results"/*.ctrf
fi
exit "$status"
