#!/usr/bin/env bash
# What a Prometheus scrape of /metrics costs, on the published Release build with the emulator, loopback only.
# A scrape reads the PCRs that are not locked (DescribePCR each) and replays the event log against them; a PCR is
# replayed again only when its value, lock or history changed, and scrapes less than a second apart share one
# reading. Printed, for an event log of ENTRIES extends spread over PCR16–31:
#   1. the NSM calls one scrape makes (from nsm_calls_total itself)
#   2. the time of the first scrape after the extends (every PCR replayed over the whole log)
#   3. the time of a scrape a second later, nothing changed (PCRs read, no replay): median of SCRAPES
#   4. the time of a scrape after one more extend (one PCR replayed): median of SCRAPES
#   5. scrapes per second with wrk, 8 connections (most share a reading: what many scrapers cost)
#
#   tests/NsmDashboard.Benchmarks/dashboard/measure-metrics.sh                  # ENTRIES=0,10000,100000
#   ENTRIES=100000 SKIP_PUBLISH=1 tests/NsmDashboard.Benchmarks/dashboard/measure-metrics.sh
#
# Needs: dotnet, curl, wrk (apt-get install -y wrk).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=${NSMDASH_OUT:-/tmp/nsmdash}
ARTIFACTS=${NSMDASH_ARTIFACTS:-/tmp/art-nsmdash-bench}
PORT=${PORT:-5091}
ENTRIES=${ENTRIES:-0,10000,100000}
SCRAPES=${SCRAPES:-15}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "measure-metrics.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "publishing Release to $OUT ..." >&2
  dotnet publish "$ROOT/src/NsmDashboard.Web" -c Release -o "$OUT" --artifacts-path "$ARTIFACTS" -v q >&2
fi

TOKEN="nsm_bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
TOKEN_HASH="sha256\$$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)"
AUTH_HEADER="Authorization: Bearer $TOKEN"
load() { cut -d' ' -f1 /proc/loadavg; }
scrape() { curl -s -H "$AUTH_HEADER" "$BASE/metrics"; }
scrape_ms() { curl -s -o /dev/null -H "$AUTH_HEADER" -w '%{time_total}\n' "$BASE/metrics" | awk '{ printf "%.2f\n", $1 * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
calls() { scrape | awk -v op="$1" '$1 ~ "^nsm_calls_total\\{operation=\"" op "\",result=\"ok\"\\}$" { print $2 }'; }

# wrk posts extends of 32 bytes (hex) to PCR16–31 in turn, as fast as the dashboard takes them.
cat > "$WORK/extend.lua" <<'EOF'
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"data":"%064x"}', n)
  return wrk.format("POST", string.format("/api/pcrs/%d/extend", 16 + n % 16), nil, body)
end
EOF

for entries in ${ENTRIES//,/ }; do
  # No rate limit and room for every entry in the log: the point is the log's size, not the limits.
  "$OUT/NsmDashboard.Web" --urls "$BASE" --Nsm:Mode=emulator \
    --Auth:ApiTokens:0:Name=bench --Auth:ApiTokens:0:Role=Operator "--Auth:ApiTokens:0:TokenHash=$TOKEN_HASH" \
    --RateLimits:MutationsPerMinute=100000000 --Nsm:EventLog:Capacity=$(( entries * 2 + 10000 )) \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:NsmDashboard=Warning \
    --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>/dev/null)" = 200 ] && break
    sleep 0.05
  done
  for _ in $(seq 1 20); do scrape > /dev/null; curl -s -o /dev/null -H "$AUTH_HEADER" "$BASE/api/pcrs"; done

  made=0
  while [ "$made" -lt "$entries" ]; do
    wrk -t1 -c4 -d2s -s "$WORK/extend.lua" -H "$AUTH_HEADER" -H 'Content-Type: application/json' "$BASE" > /dev/null
    made=$(calls ExtendPCR); made=${made:-0}
  done
  sleep 1.1
  first=$(scrape_ms)

  # Two scrapes a second apart: the second one's reads are what every scrape costs once nothing is new.
  sleep 1.1; before=$(scrape)
  sleep 1.1; after=$(scrape)
  count() { awk -v op="$2" '$1 ~ "^nsm_calls_total\\{operation=\"" op "\",result=\"ok\"\\}$" { print $2 }' <<<"$1"; }
  per_scrape="$(( $(count "$after" DescribePCR) - $(count "$before" DescribePCR) )) DescribePCR, $(( $(count "$after" DescribeNSM) - $(count "$before" DescribeNSM) )) DescribeNSM"

  quiet=$(for _ in $(seq 1 "$SCRAPES"); do sleep 1.05; scrape_ms; done | median)
  changed=$(for _ in $(seq 1 "$SCRAPES"); do
    curl -s -o /dev/null -H "$AUTH_HEADER" -H 'Content-Type: application/json' -d '{"data":"00"}' "$BASE/api/pcrs/17/extend"
    sleep 1.05; scrape_ms
  done | median)
  rate=$(wrk -t2 -c8 -d10s -H "$AUTH_HEADER" "$BASE/metrics" | awk '/^Requests\/sec/ { printf "%.0f\n", $2 }')
  rss=$(awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$SERVER_PID/status")

  echo "entries=$made  NSM calls per scrape: $per_scrape  first scrape ${first} ms  quiet ${quiet} ms  one PCR changed ${changed} ms  wrk ${rate} scrapes/s  RSS ${rss} MB  (load $(load))"
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
done
