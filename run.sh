#!/usr/bin/env bash
# Starts the whole platform through the Aspire AppHost: RabbitMQ, the identity service and seven services with
# their databases, the gateway on http://localhost:8080 and the dashboard on http://localhost:15080.
# Arguments go to the AppHost (e.g. --RateLimits:Public:PermitsPerSecond=500, --Replicas:eligibility=2,
# --Dashboard:Enabled=false to run without the dashboard).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh

# Build only when a source changed since the last build here: an up-to-date build still costs tens of
# seconds of MSBuild on a small machine.
apphost=AppHost/bin/Debug/net10.0/IpPlatform.AppHost.dll
stamp=AppHost/obj/run.sh.built
if [ ! -f "$apphost" ] || [ ! -f "$stamp" ] || [ -n "$(find AppHost ServiceDefaults gateway services tools Directory.Build.props Directory.Packages.props global.json \
     -not -path '*/bin/*' -not -path '*/obj/*' -type f -newer "$stamp" -print -quit)" ]; then
  # No MSBuild nodes left behind: they would keep hundreds of MiB beside the running platform.
  MSBUILDDISABLENODEREUSE=1 dotnet build AppHost/IpPlatform.AppHost.csproj -nologo -v quiet -nodeReuse:false
  touch "$stamp"
fi

# The built AppHost, started directly with the "http" launch profile's settings (Development: demo accounts,
# development signing keys, the local mail sink; the dashboard on 15080) rather than through `dotnet run
# --launch-profile http`, whose SDK process would stay beside the AppHost for nothing (≈ 130 MiB). The AppHost in
# turn starts each service's built program, not `dotnet run` (AppHost/PlatformResources.cs, WithBuiltProgram).
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
source scripts/apphost-runtime.sh
export ASPNETCORE_URLS=http://localhost:15080
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19080 ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:20080
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
exec dotnet exec "$apphost" "$@"
