#!/usr/bin/env bash
# Runs every test: domain, service (SQLite + MassTransit harness) and end-to-end (the real AppHost with a
# private RabbitMQ node, through the gateway). Installs what the end-to-end tests need first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh
dotnet build IpPlatform.sln -c Debug -nologo -v quiet
dotnet test --solution IpPlatform.sln --no-build -c Debug "$@"
