#!/usr/bin/env bash
# Starts the whole platform through the Aspire AppHost: RabbitMQ, the identity service and seven services with
# their databases, the gateway on http://localhost:8080 and the dashboard on http://localhost:15080.
# Arguments go to the AppHost (e.g. --RateLimits:Public:PermitsPerSecond=500, --Replicas:eligibility=2).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh

# Build only when a source changed since the last build here: an up-to-date build still costs tens of
# seconds of MSBuild on a small machine.
apphost=AppHost/bin/Debug/net10.0/IpPlatform.AppHost.dll
stamp=AppHost/obj/run.sh.built
if [ ! -f "$apphost" ] || [ ! -f "$stamp" ] || [ -n "$(find AppHost ServiceDefaults gateway services tools Directory.Build.props Directory.Packages.props global.json \
     -not -path '*/bin/*' -not -path '*/obj/*' -type f -newer "$stamp" -print -quit)" ]; then
  dotnet build AppHost/IpPlatform.AppHost.csproj -nologo -v quiet
  touch "$stamp"
fi

# `dotnet run` with the launch profile: it makes the AppHost, and so every service it starts, a Development one
# (demo accounts, development signing keys, the local mail sink).
exec dotnet run --no-build --project AppHost/IpPlatform.AppHost.csproj --launch-profile http "$@"
