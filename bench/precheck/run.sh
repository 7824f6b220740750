#!/usr/bin/env bash
# Precheck benchmark: builds in Release, then measures the eligibility engine alone and the whole HTTP
# precheck (sequential POSTs over loopback), and prints the figures and their ratio.
# Usage: bench/precheck/run.sh [engineIterations=300000] [httpRequests=5000]
#        bench/precheck/run.sh history [rows=20000] [httpRequests=3000]   (same precheck, empty history vs rows
#        stored submissions and rows stored projects, one service, one run: compare the ratio)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$here/IpPlatform.Bench.Precheck.csproj" -c Release -v quiet -nologo 1>&2
# WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the working directory.
cd "$here/bin/Release/net10.0"
if [ "${1:-}" = history ]; then exec dotnet IpPlatform.Bench.Precheck.dll history "${2:-20000}" "${3:-3000}"; fi
exec dotnet IpPlatform.Bench.Precheck.dll "${1:-300000}" "${2:-5000}"
