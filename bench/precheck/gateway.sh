#!/usr/bin/env bash
# Precheck through the gateway and directly at the eligibility service, in one run against a running stack
# (start it with bench/stack.sh, which lifts the public rate limit): unthrottled throughput of both and their
# ratio, then latency at a fixed rate (default 200 req/s) through the gateway and directly.
# Usage: bench/precheck/gateway.sh [seconds=20] [fixedRate=200] [connections=8]
#   environment: GATEWAY=http://localhost:18080; DIRECT=http://127.0.0.1:<port> (default: the port the local
#   IpPlatform.Eligibility process listens on, found with ss)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"; rate="${2:-200}"; connections="${3:-8}"
gateway="${GATEWAY:-http://localhost:18080}"
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)" >&2; exit 1; }
if [ -z "${DIRECT:-}" ]; then
  # The eligibility process of the stack whose gateway answers on $gateway: the one started from this tree.
  # Not anchored: the AppHost starts built programs as `dotnet exec <path>.dll`.
  pid=$(pgrep -f "$(pwd)/services/Eligibility/IpPlatform.Eligibility/bin/.*/IpPlatform.Eligibility" | head -1 || true)
  # `|| true`: awk's early exit fails ss with SIGPIPE, which pipefail would turn into the script's silent end.
  port=$(ss -ltnpH | awk -v pid="pid=$pid," 'index($0, pid) { n = split($4, a, ":"); print a[n]; exit }' || true)
  DIRECT="http://127.0.0.1:$port"
fi
body=docs/samples/industrial-brand.json

run() { # url, extra hey args -> "rps p50_ms p99_ms"
  hey -z "${seconds}s" -c "$connections" "${@:2}" -m POST -T application/json -D "$body" "$1/api/eligibility/precheck" |
    awk '/Requests\/sec/ { rps = $2 } /50%+ in/ { p50 = $3 * 1000 } /99%+ in/ { p99 = $3 * 1000 } /\[2[0-9][0-9]\]/ { ok += $2 } /\[[3-5][0-9][0-9]\]/ { bad += $2 }
         END { printf "%.0f %.1f %.1f %d %d\n", rps, p50, p99, ok, bad }'
}

echo "# precheck gateway vs direct  $(date -u '+%F %H:%M') UTC  $(nproc) cores  gateway=$gateway direct=$DIRECT"
for url in "$gateway" "$DIRECT"; do run "$url" >/dev/null; done # warm-up
read -r g_rps g_p50 g_p99 g_ok g_bad < <(run "$gateway")
read -r d_rps d_p50 d_p99 d_ok d_bad < <(run "$DIRECT")
printf 'unthrottled  gateway %6s req/s p50 %6s ms p99 %6s ms (%s ok, %s not)\n' "$g_rps" "$g_p50" "$g_p99" "$g_ok" "$g_bad"
printf 'unthrottled  direct  %6s req/s p50 %6s ms p99 %6s ms (%s ok, %s not)\n' "$d_rps" "$d_p50" "$d_p99" "$d_ok" "$d_bad"
printf 'ratio        gateway / direct throughput = %.2f (goal >= 0.8)\n' "$(echo "$g_rps / $d_rps" | bc -l)"
# At a fixed rate: open loop, evenly spaced (bench/precheck/FixedRate.cs), latency from each request's due instant.
# hey's -q is per connection and closed-loop (its connections fire together, then wait for their own answers),
# which measured its own bursts: 8 connections at 25/s each gave p50 5 ms where evenly spaced requests see 1.5 ms.
# Rounds interleave gateway and direct, so both see the same moments of the machine.
dotnet build bench/precheck/IpPlatform.Bench.Precheck.csproj -c Release -v quiet -nologo >/dev/null
load=bench/precheck/bin/Release/net10.0/IpPlatform.Bench.Precheck.dll
for round in 1 2 3; do
  for url in "$gateway" "$DIRECT"; do
    line=$(dotnet "$load" rate "$url/api/eligibility/precheck" "$rate" "$seconds" "$body")
    which=$([ "$url" = "$gateway" ] && echo gateway || echo direct)
    p99=$(echo "$line" | sed -E 's/.* p99 ([0-9.]+) .*/\1/')
    echo "at $rate/s  round $round  $which  $line" | sed -E 's#http://[^ ]+/api/eligibility/precheck  ##'
    [ "$which" = gateway ] && printf 'ratio        gateway p99 / goal 10 ms = %.2f\n' "$(echo "$p99 / 10" | bc -l)"
  done
done
