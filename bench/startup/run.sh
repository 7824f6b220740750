#!/usr/bin/env bash
# Stack start-up and memory benchmark: starts the stack as ./run.sh does on a built tree, measures the
# seconds until the gateway answers (it waits for every service to be healthy, and the services for the
# broker) and until the shipped calls are readable through it, then the resident memory of every process of
# this stack (its own session only, so another stack on the machine is not counted), and stops it.
# Run from anywhere; ports and state folder are parameters so that it runs beside another stack.
# Usage: bench/startup/run.sh [fresh|warm] [extra AppHost arguments...]
#   fresh = empty state folder (first start), warm = keep it
#   LAUNCH=exec (default; as ./run.sh: the built AppHost, which starts the services' built programs) or
#   LAUNCH=run (the AppHost through `dotnet run`; with --Runtime:BuiltPrograms=false the services too: the old way)
#   e.g. the figures before and after: LAUNCH=run bench/startup/run.sh warm --Runtime:BuiltPrograms=false; bench/startup/run.sh warm
#   environment: GATEWAY_PORT=18080 BROKER_PORT=5782 BROKER_DIST_PORT=25782 STATE_DIR=<repo>/.state
#                DASHBOARD_URL=http://localhost:15180 OTLP_URL=http://localhost:19180 RESOURCE_URL=http://localhost:20180
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-warm}"; shift || true
gateway_port="${GATEWAY_PORT:-18080}"
state="${STATE_DIR:-$(pwd)/.state}"
[ "$mode" = fresh ] && rm -rf "$state"
# The build is not measured: ./run.sh skips it on a built tree.
MSBUILDDISABLENODEREUSE=1 dotnet build AppHost/IpPlatform.AppHost.csproj -nologo -v quiet -nodeReuse:false >/dev/null && touch AppHost/obj/run.sh.built
if [ "${LAUNCH:-exec}" = run ]; then
  launch=(dotnet run --no-build --project AppHost/IpPlatform.AppHost.csproj --no-launch-profile --)
else
  launch=(dotnet exec AppHost/bin/Debug/net10.0/IpPlatform.AppHost.dll)
fi

log=/tmp/ipplatform-startup-$$.log
source scripts/apphost-runtime.sh # as ./run.sh starts the AppHost
start=$(date +%s.%N)
# The "http" launch profile's settings, given here (a launch profile's values would override these ports);
# ./run.sh gives the same ones with its own ports.
ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
ASPNETCORE_URLS="${DASHBOARD_URL:-http://localhost:15180}" \
ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${OTLP_URL:-http://localhost:19180}" \
ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${RESOURCE_URL:-http://localhost:20180}" \
  setsid "${launch[@]}" --Gateway:Port="$gateway_port" --Broker:Port="${BROKER_PORT:-5782}" --Broker:DistPort="${BROKER_DIST_PORT:-25782}" \
  --Mail:Port="${MAIL_PORT:-2625}" --State:Directory="$state" "$@" >"$log" 2>&1 &
apphost=$!
trap 'kill -TERM -- -$apphost 2>/dev/null || true; sleep 5; kill -KILL -- -$apphost 2>/dev/null || true' EXIT
trap 'exit 1' INT TERM
until curl -sf -o /dev/null "http://localhost:$gateway_port/alive"; do
  sleep 0.5
  kill -0 $apphost 2>/dev/null || { echo "AppHost exited; see $log" >&2; exit 1; }
done
ready=$(date +%s.%N)
until [ "$(curl -s "http://localhost:$gateway_port/api/eligibility/calls" | grep -c 2022-rehearsal)" -gt 0 ]; do sleep 0.5; done
calls=$(date +%s.%N)
sleep 5 # let the first requests' JIT settle before reading memory

# Every process of this stack: the AppHost's session (setsid above) and the sessions of its orchestrator (DCP
# detaches into sessions of its own; they share the kubeconfig its API server was started with).
sid=$(ps -o sid= -p $apphost | tr -d ' ')
pids=" $(ps -eo pid=,sid= | awk -v sid="$sid" '$2 == sid { printf "%s ", $1 }')"
kubeconfig=$(ps -eo args= | awk -v pids="$pids" '/dcp start-apiserver/ { for (i = 1; i <= NF; i++) { if ($i == "--monitor" && index(pids, " " $(i + 1) " ")) hit = 1; if ($i == "--kubeconfig") k = $(i + 1) } if (hit) { print k; exit } }' | tr -d '"')
sids=" $sid $(ps -eo sid=,args= | awk -v k="$kubeconfig" 'k != "" && index($0, k) { printf "%s ", $1 }')"
# RSS counts the pages processes share (the runtime's and DCP's mapped files) once per process; PSS divides each
# shared page among its sharers, so the PSS sum is what the stack costs the machine. Both are printed.
ps -eo sid=,pid=,rss=,args= | awk -v sids="$sids" 'index(sids, " " $1 " ") { pid = $2; rss = $3; $1 = ""; $2 = ""; $3 = ""; print pid "\t" rss "\t" $0 }' |
  while IFS=$'\t' read -r pid rss args; do
    pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    printf '%s\t%s\t%s\n' "$rss" "${pss:-0}" "$args"
  done > /tmp/ipplatform-startup-ps-$$.txt
rss_kib=$(awk -F'\t' '{ s += $1 } END { print s }' /tmp/ipplatform-startup-ps-$$.txt)
pss_kib=$(awk -F'\t' '{ s += $2 } END { print s }' /tmp/ipplatform-startup-ps-$$.txt)
processes=$(wc -l < /tmp/ipplatform-startup-ps-$$.txt)
printf 'mode=%s launch=%s gateway_ready_s=%.1f calls_readable_s=%.1f processes=%d rss_total_mib=%d pss_total_mib=%d\n' "$mode" "${LAUNCH:-exec}" \
  "$(echo "$ready - $start" | bc)" "$(echo "$calls - $start" | bc)" "$processes" "$((rss_kib / 1024))" "$((pss_kib / 1024))"
# Per group: what a deployment would run (services, gateway, portal, broker) and what orchestration adds around it.
awk -F'\t' '
  { a = $3; g = "other (shells of this script)" }
  a ~ /dcp (start-apiserver|run-controllers)/ { g = "DCP (API server, controllers)" }
  a ~ /dcp monitor-process|dcpproc/ { g = "DCP process monitors" }
  a ~ /Aspire\.Dashboard/ { g = "dashboard" }
  a ~ /beam\.smp|epmd|erl_child|inet_gethost|rabbitmq/ { g = "RabbitMQ" }
  a ~ /IpPlatform\.AppHost/ { g = "AppHost" }
  a ~ / run (--no-build|--project)|MSBuild\.dll|dotnet\.dll run/ { g = "dotnet run wrappers / MSBuild" }
  g ~ /^other/ && a ~ /IpPlatform\.[A-Za-z]+(\.dll)?( |$)/ { g = "platform processes (services, gateway, portal, mail sink)" }
  { n[g]++; s[g] += $1; p[g] += $2 }
  END { for (g in s) printf "  %-58s %3d processes  RSS %6d MiB  PSS %6d MiB\n", g, n[g], s[g] / 1024, p[g] / 1024 }' /tmp/ipplatform-startup-ps-$$.txt | sort
# Breakdown: MiB per process, largest RSS first (DCP's processes are named by their subcommand).
sort -rn /tmp/ipplatform-startup-ps-$$.txt | awk -F'\t' '{ split($3, a, " "); n = a[1]; for (i = 1; i <= length(a); i++) if (a[i] ~ /IpPlatform\.|Aspire\.Dashboard|dcp|beam/) { n = (n ~ /dotnet$/ && a[2] == "run" ? "dotnet run " : "") a[i] (a[i] ~ /dcp$/ ? " " a[i + 1] : ""); break } printf "  RSS %5d MiB  PSS %5d MiB  %s\n", $1 / 1024, $2 / 1024, substr(n, 1, 100) }'
