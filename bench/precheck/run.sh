#!/usr/bin/env bash
# Precheck benchmark: builds in Release, then measures the eligibility engine alone and the whole HTTP
# precheck (sequential POSTs over loopback), and prints the figures and their ratio.
# Usage: bench/precheck/run.sh [engineIterations=300000] [httpRequests=5000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$here/IpPlatform.Bench.Precheck.csproj" -c Release -v quiet -nologo 1>&2
# WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the working directory.
cd "$here/bin/Release/net10.0"
exec dotnet IpPlatform.Bench.Precheck.dll "${1:-300000}" "${2:-5000}"
