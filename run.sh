#!/usr/bin/env bash
# Starts the whole platform through the Aspire AppHost: RabbitMQ, six services with their databases,
# the gateway on http://localhost:8080 and the dashboard on http://localhost:15080.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh
exec dotnet run --project AppHost/IpPlatform.AppHost.csproj --launch-profile http "$@"
