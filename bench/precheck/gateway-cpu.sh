#!/usr/bin/env bash
# CPU time per precheck of the gateway and of the eligibility service, through the gateway and directly, against a
# running stack (bench/stack.sh). On a shared machine throughput and tail latency measure the neighbours as much as the
# gateway; the processor time a process spends per request (utime + stime from /proc, divided by the requests it
# served) is far less sensitive to them, so it is what compares two gateway settings fairly.
# Usage: bench/precheck/gateway-cpu.sh [requests=4000] [rounds=2] [more gateway URLs to compare, e.g. a second gateway
#        started with another setting]
#   environment: GATEWAY=http://localhost:18080; DIRECT as in gateway.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-4000}"; rounds="${2:-2}"; shift 2 || shift $# || true
gateway="${GATEWAY:-http://localhost:18080}"
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)" >&2; exit 1; }
pid_on() { ss -ltnpH | awk -v port=":$1" '$4 ~ port"$" { match($0, /pid=[0-9]+/); print substr($0, RSTART + 4, RLENGTH - 4); exit }' || true; }
port_of() { echo "$1" | sed -E 's#.*:([0-9]+)/?$#\1#'; }
eligibility=$(pgrep -f "$(pwd)/services/Eligibility/IpPlatform.Eligibility/bin/.*/IpPlatform.Eligibility" | head -1 || true)
if [ -z "${DIRECT:-}" ]; then
  port=$(ss -ltnpH | awk -v pid="pid=$eligibility," 'index($0, pid) { n = split($4, a, ":"); print a[n]; exit }' || true) # awk's early exit fails ss with SIGPIPE
  DIRECT="http://127.0.0.1:$port"
fi
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ms_per_request() { echo "($2 - $1) * 1000 / $ticks / $requests" | bc -l | awk '{ printf "%.3f", $1 }'; }
body=docs/samples/industrial-brand.json

echo "# CPU ms per precheck  $(date -u '+%F %H:%M') UTC  $(nproc) cores  load $(cut -d' ' -f1 /proc/loadavg)  $requests requests, 8 connections"
for url in "$gateway" "$@" "$DIRECT"; do hey -n 500 -c 8 -m POST -T application/json -D "$body" "$url/api/eligibility/precheck" >/dev/null; done # warm-up
for round in $(seq 1 "$rounds"); do
  for url in "$gateway" "$@" "$DIRECT"; do
    proxy=$([ "$url" = "$DIRECT" ] || pid_on "$(port_of "$url")")
    p0=$([ -n "$proxy" ] && cpu "$proxy" || echo 0); e0=$(cpu "$eligibility")
    result=$(hey -n "$requests" -c 8 -m POST -T application/json -D "$body" "$url/api/eligibility/precheck" |
      awk '/Requests\/sec/ { rps = $2 } /99%+ in/ { p99 = $3 * 1000 } /\[200\]/ { ok = $2 } END { printf "%5.0f req/s p99 %6.1f ms %d ok", rps, p99, ok }')
    p1=$([ -n "$proxy" ] && cpu "$proxy" || echo 0); e1=$(cpu "$eligibility")
    printf 'round %s  %-28s %s  cpu ms/request: gateway %s  eligibility %s\n' "$round" "$url" "$result" \
      "$([ -n "$proxy" ] && ms_per_request "$p0" "$p1" || echo -)" "$(ms_per_request "$e0" "$e1")"
  done
done
