#!/usr/bin/env bash
# Stack start-up benchmark: starts the AppHost as ./run.sh does (already built), measures the seconds until
# the gateway answers (it waits for every service to be healthy, and the services for the broker), then
# the resident memory of every process of the stack, and stops it. Run from the repository root.
# Usage: bench/startup/run.sh [fresh|warm]   fresh = empty state folder (first start), warm = keep it
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-warm}"
state="$(pwd)/.state"
[ "$mode" = fresh ] && rm -rf "$state"
dotnet build AppHost/IpPlatform.AppHost.csproj -nologo -v quiet >/dev/null

start=$(date +%s.%N)
setsid dotnet run --no-build --project AppHost/IpPlatform.AppHost.csproj --launch-profile http >/tmp/ipplatform-startup.log 2>&1 &
apphost=$!
trap 'kill -- -$apphost 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://localhost:8080/alive; do
  sleep 0.5
  kill -0 $apphost 2>/dev/null || { echo "AppHost exited; see /tmp/ipplatform-startup.log" >&2; exit 1; }
done
ready=$(date +%s.%N)
until [ "$(curl -s http://localhost:8080/api/eligibility/calls | grep -c 2022-rehearsal)" -gt 0 ]; do sleep 0.5; done
sleep 5 # let the first requests' JIT settle before reading memory

rss_kib=$(ps -eo rss=,args= | grep -E 'IpPlatform\.|/dcp |beam\.smp|Aspire\.Dashboard|dotnet run' | grep -v grep | awk '{s+=$1} END {print s}')
processes=$(ps -eo args= | grep -E 'IpPlatform\.|/dcp |beam\.smp|Aspire\.Dashboard|dotnet run' | grep -vc grep)
printf 'mode=%s gateway_ready_s=%.1f processes=%d rss_total_mib=%d\n' "$mode" "$(echo "$ready - $start" | bc)" "$processes" "$((rss_kib / 1024))"
