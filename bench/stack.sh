#!/usr/bin/env bash
# Starts this tree's stack for the benchmarks beside another one on the machine (its own ports and state
# folder) with the public rate limit lifted, and stays in the foreground; run a benchmark once the gateway answers
# (curl http://localhost:18080/api/eligibility/calls). Ctrl-C (or killing its process group) stops it.
# Usage: bench/stack.sh [extra AppHost arguments, e.g. --Replicas:eligibility=2]
#   environment: CONFIGURATION=Release NO_BUILD=0 GATEWAY_PORT=18080 BROKER_PORT=5782 BROKER_DIST_PORT=25782 STATE_DIR=<repo>/.state
#                DASHBOARD_URL=http://localhost:15180 OTLP_URL=http://localhost:19180 RESOURCE_URL=http://localhost:20180
set -euo pipefail
cd "$(dirname "$0")/.."
# The "http" launch profile's settings, given here: a launch profile's values would override these ports.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
source scripts/apphost-runtime.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
export ASPNETCORE_URLS="${DASHBOARD_URL:-http://localhost:15180}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${OTLP_URL:-http://localhost:19180}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${RESOURCE_URL:-http://localhost:20180}"
# The built AppHost, as ./run.sh starts it (no `dotnet run` process beside it), in the Release configuration a
# deployment runs (./run.sh builds Debug for debugging; CONFIGURATION=Debug measures that). Built here unless NO_BUILD=1.
configuration="${CONFIGURATION:-Release}"
if [ "${NO_BUILD:-0}" != 1 ]; then
  MSBUILDDISABLENODEREUSE=1 dotnet build AppHost/IpPlatform.AppHost.csproj -c "$configuration" -nologo -v quiet -nodeReuse:false >&2
fi
exec dotnet exec "AppHost/bin/$configuration/net10.0/IpPlatform.AppHost.dll" --Gateway:Port="${GATEWAY_PORT:-18080}" --Broker:Port="${BROKER_PORT:-5782}" --Broker:DistPort="${BROKER_DIST_PORT:-25782}" \
  --State:Directory="${STATE_DIR:-$(pwd)/.state}" --Mail:Port="${MAIL_PORT:-2625}" \
  --RateLimits:Public:PermitsPerSecond=100000 --RateLimits:Public:Burst=100000 "$@"
