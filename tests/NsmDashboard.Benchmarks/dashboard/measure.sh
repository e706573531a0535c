#!/usr/bin/env bash
# Dashboard benchmarks, on the published Release build with the emulator, loopback only:
#   1. time from process start to the first 200 on /healthz      (target ≤ 1.5 s)
#   2. RSS when idle after a warm-up                            (target ≤ 150 MB)
#   3. RSS growth per open Blazor circuit, ≥ 50 circuits        (target ≤ 0.5 MB per circuit)
#   4. GET /api/pcrs requests/s with wrk                         (target ≥ 5 000 req/s on 2 cores)
#   5. (ONLY=idle) RSS with one signed-in circuit open, after the warm-up (target ≤ 100 MB; the enclave's figure)
# RSS is VmRSS from /proc/PID/status. Circuits are real: headless Chromium opens N tabs of the dashboard,
# each running blazor.web.js and its own circuit; the script waits until the dashboard's own gauge
# (dashboard_circuits_open on /metrics) says N are open.
#
#   tests/NsmDashboard.Benchmarks/dashboard/measure.sh
#   RUNS=5 CIRCUITS=100 PAGE=/pcrs SKIP_PUBLISH=1 ONLY=memory tests/NsmDashboard.Benchmarks/dashboard/measure.sh
#   NSMDASH_OUT=/tmp/pub SKIP_PUBLISH=1 ONLY=idle tests/NsmDashboard.Benchmarks/dashboard/measure.sh   # an image's publish
# (ONLY: a comma-separated subset of ready, memory, wrk, idle; the server inherits the environment, so
# DOTNET_gcServer=0 and the like can be tried without rebuilding; SMAPS_OUT=FILE keeps /proc/PID/smaps of each idle
# run as FILE.N, for a breakdown by mapping.)
#
# Needs: dotnet, curl, wrk (apt-get install -y wrk), chromium (apt-get install -y chromium).
# Each measurement runs RUNS times on a fresh process and the best run is reported with the rest: on a
# shared machine other work only ever makes a run slower or bigger. The load average is printed with
# each result so that a noisy run can be recognised.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${NSMDASH_OUT:-/tmp/nsmdash}
ARTIFACTS=${NSMDASH_ARTIFACTS:-/tmp/art-nsmdash-bench}
PORT=${PORT:-5090}
RUNS=${RUNS:-3}
CIRCUITS=${CIRCUITS:-60}
WARM_CIRCUITS=${WARM_CIRCUITS:-10}
PAGE=${PAGE:-/}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
WRK_SECONDS=${WRK_SECONDS:-15}
CHROMIUM=${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""
BROWSER_PIDS=""

cleanup() {
  for pid in $BROWSER_PIDS; do kill "$pid" 2>/dev/null || true; done
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "measure.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
[ -x "$CHROMIUM" ] || { echo "measure.sh: chromium is missing (apt-get install -y chromium)" >&2; exit 2; }

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "publishing Release to $OUT ..." >&2
  dotnet publish "$ROOT/src/NsmDashboard.Web" -c Release -o "$OUT" --artifacts-path "$ARTIFACTS" -v q >&2
fi

# Everything but /healthz needs a signed-in user: one operator token, configured by its hash, which curl and wrk
# send as a bearer token; and one operator user, configured by its PBKDF2 hash, as whom the script signs in once over
# HTTP and hands the session cookie to each browser before it opens its circuits (API tokens sign no browser in).
TOKEN="nsm_bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
TOKEN_HASH="sha256\$$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)"
AUTH_HEADER="Authorization: Bearer $TOKEN"
BENCH_USER=bench
BENCH_PASSWORD="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
BENCH_PASSWORD_HASH=$(PASSWORD=$BENCH_PASSWORD "$ROOT/tests/tools/password-hash.py")
SESSION_COOKIE=""

now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
load() { cut -d' ' -f1 /proc/loadavg; }

start_server() {
  # Logging at Warning: the audit and startup lines are not what is measured.
  "$OUT/NsmDashboard.Web" --urls "$BASE" --Nsm:Mode=emulator \
    --Auth:ApiTokens:0:Name=bench-token --Auth:ApiTokens:0:Role=Operator "--Auth:ApiTokens:0:TokenHash=$TOKEN_HASH" \
    "--Auth:Users:0:Name=$BENCH_USER" --Auth:Users:0:Role=Operator "--Auth:Users:0:PasswordHash=$BENCH_PASSWORD_HASH" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:NsmDashboard=Warning \
    --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  SESSION_COOKIE=""
}

# Signs in on the login form as a browser would (its antiforgery token and cookie, then the post) and prints the
# session cookie's value.
sign_in() {
  local jar="$WORK/jar" antiforgery
  rm -f "$jar"
  antiforgery=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -n1)
  curl -s -o /dev/null -b "$jar" -c "$jar" -X POST "$BASE/login" \
    --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$antiforgery" \
    --data-urlencode "Input.Name=$BENCH_USER" --data-urlencode "Input.Password=$BENCH_PASSWORD"
  awk '$6 == "nsm-session" { print $7 }' "$jar"
}

# Polls /healthz every few milliseconds; prints the milliseconds from $1 to the first 200.
wait_ready() {
  local started=$1 deadline=$(( $(now_ms) + 30000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>/dev/null)" = 200 ]; then
      echo $(( $(now_ms) - started ))
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "the server exited" >&2; exit 1; }
    sleep 0.005
  done
  echo "the server was not ready within 30 s" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# What an operator does first: the pages, every API read, a scrape.
warm_up() {
  for _ in $(seq 1 20); do
    for path in / /pcrs /random /api/nsm /api/pcrs /api/pcrs/16 /api/random /healthz /metrics; do
      curl -s -o /dev/null -H "$AUTH_HEADER" "$BASE$path"
    done
  done
}

# One headless Chromium per call, one tab per circuit, opened through the DevTools HTTP endpoint. (Iframes in
# one page would be cheaper, but the pages send X-Frame-Options: SAMEORIGIN, as antiforgery requires.)
open_circuits() {
  local count=$1 profile="$WORK/profile-$1-$RANDOM" port="" deadline
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-background-timer-throttling \
    --disable-renderer-backgrounding --disable-backgrounding-occluded-windows \
    --user-data-dir="$profile" --remote-debugging-port=0 about:blank >>"$WORK/chromium.log" 2>&1 &
  BROWSER_PIDS="$BROWSER_PIDS $!"
  deadline=$(( $(now_ms) + 30000 ))
  while [ -z "$port" ] && [ "$(now_ms)" -lt "$deadline" ]; do
    sleep 0.2
    port=$(head -1 "$profile/DevToolsActivePort" 2>/dev/null || true)
  done
  [ -n "$port" ] || { cat "$WORK/chromium.log" >&2; echo "chromium did not start" >&2; exit 1; }
  # Sign this browser in: the session cookie (shared by its tabs, and by every browser of this server).
  [ -n "$SESSION_COOKIE" ] || SESSION_COOKIE=$(sign_in)
  [ -n "$SESSION_COOKIE" ] || { echo "signing in as $BENCH_USER failed" >&2; exit 1; }
  python3 "$HERE/cdp_set_cookie.py" "$port" "$BASE/" nsm-session "$SESSION_COOKIE"
  for i in $(seq 1 "$count"); do
    curl -s -o /dev/null -X PUT "http://127.0.0.1:$port/json/new?$BASE$PAGE?circuit=$i"
  done
}

close_circuits() {
  local pid
  for pid in $BROWSER_PIDS; do kill "$pid" 2>/dev/null || true; done
  for pid in $BROWSER_PIDS; do wait "$pid" 2>/dev/null || true; done
  BROWSER_PIDS=""
  sleep 1   # Chromium's helper processes may still be writing their profiles
  rm -rf "$WORK"/profile-* 2>/dev/null || rm -rf "$WORK"/profile-*
}

open_circuit_count() {
  curl -s -H "$AUTH_HEADER" "$BASE/metrics" | awk '$1 == "dashboard_circuits_open" { print $2 }'
}

wait_circuits() {
  local want=$1 deadline=$(( $(now_ms) + 180000 )) have=0
  while [ "$(now_ms)" -lt "$deadline" ]; do
    have=$(open_circuit_count)
    [ "${have:-0}" -ge "$want" ] && return 0
    sleep 1
  done
  echo "only ${have:-0} of $want circuits opened within 180 s" >&2
  exit 1
}

best_min() { sort -n | head -1; }
best_max() { sort -n | tail -1; }
summary() { tr '\n' ' ' | sed 's/ $//'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version 2>/dev/null | sed 's/^/SDK /')"

ONLY=${ONLY:-ready,memory,wrk}
wants() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# 1. Time to ready.
if wants ready; then
: >"$WORK/ready"
for run in $(seq 1 "$RUNS"); do
  started=$(now_ms)
  start_server
  ms=$(wait_ready "$started")
  echo "$ms" >>"$WORK/ready"
  echo "  start→/healthz 200, run $run: $ms ms (load $(load))" >&2
  stop_server
done
echo "ready_ms: best $(best_min <"$WORK/ready") (runs: $(summary <"$WORK/ready"))"
fi

# 2 and 3. Idle RSS after warm-up, then RSS per circuit.
# Per circuit is marginal: WARM_CIRCUITS stay open first, so that code first run with many circuits (tiered
# JIT promotions, pools sized for concurrency) is in the baseline; then CIRCUITS more are opened and the
# growth is divided by the number that opened.
if wants memory; then
: >"$WORK/idle"; : >"$WORK/per_circuit"
for run in $(seq 1 "$RUNS"); do
  start_server
  wait_ready "$(now_ms)" >/dev/null
  warm_up
  # One browser visit first, so that the circuit machinery (SignalR, renderer, MudBlazor) is loaded and
  # jitted: "idle" is a dashboard that has served its pages, with nobody looking at it.
  open_circuits 2; wait_circuits 2; close_circuits
  sleep 10
  idle=$(rss_kb "$SERVER_PID")
  echo "$idle" >>"$WORK/idle"
  # The two closed circuits stay "open" (retained for reconnection) for minutes: count only new ones.
  open_circuits "$WARM_CIRCUITS"; wait_circuits $(( 2 + WARM_CIRCUITS ))
  sleep 10
  before=$(open_circuit_count)
  baseline=$(rss_kb "$SERVER_PID")
  open_circuits "$CIRCUITS"; wait_circuits $(( before + CIRCUITS ))
  sleep 10
  added=$(( $(open_circuit_count) - before ))
  with=$(rss_kb "$SERVER_PID")
  per=$(awk -v a="$baseline" -v b="$with" -v n="$added" 'BEGIN { printf "%.3f", (b - a) / 1024 / n }')
  echo "$per" >>"$WORK/per_circuit"
  echo "  run $run: idle $((idle / 1024)) MB; $WARM_CIRCUITS circuits on $PAGE: $((baseline / 1024)) MB; +$added: $((with / 1024)) MB, $per MB per circuit (load $(load))" >&2
  close_circuits
  stop_server
done
echo "idle_rss_mb: best $(best_min <"$WORK/idle" | awk '{ printf "%.1f", $1 / 1024 }') (runs, KB: $(summary <"$WORK/idle"))"
echo "rss_per_circuit_mb: best $(best_min <"$WORK/per_circuit") with $CIRCUITS circuits on $PAGE after $WARM_CIRCUITS (runs: $(summary <"$WORK/per_circuit"))"
fi

# 5. RSS with one signed-in circuit open: what the enclave holds while an operator has the dashboard open and
# nothing happens. Same warm-up as above; the one circuit stays open; VmRSS and VmHWM after 20 s.
if wants idle; then
: >"$WORK/idle_circuit"
for run in $(seq 1 "$RUNS"); do
  start_server
  wait_ready "$(now_ms)" >/dev/null
  warm_up
  open_circuits 1; wait_circuits 1
  sleep 20
  rss=$(rss_kb "$SERVER_PID")
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
  echo "$rss" >>"$WORK/idle_circuit"
  # What the RSS is made of: anonymous memory (heap, JIT'd code, stacks, the runtime's data) against pages of mapped
  # files (the runtime's libraries and the ReadyToRun images, which in an enclave are the initramfs's own pages).
  parts=$(awk '/^Rss(Anon|File|Shmem):/ { sub(/^Rss/, "", $1); sub(/:$/, "", $1); printf "%s%s %d MB", sep, tolower($1), $2 / 1024; sep = ", " }' "/proc/$SERVER_PID/status")
  [ -z "${SMAPS_OUT:-}" ] || cp "/proc/$SERVER_PID/smaps" "$SMAPS_OUT.$run"
  echo "  run $run: one circuit on $PAGE open: VmRSS $((rss / 1024)) MB ($parts), VmHWM $((hwm / 1024)) MB (load $(load))" >&2
  close_circuits
  stop_server
done
echo "idle_one_circuit_rss_mb: best $(best_min <"$WORK/idle_circuit" | awk '{ printf "%.1f", $1 / 1024 }') (runs, KB: $(summary <"$WORK/idle_circuit"))"
fi

# 4. Throughput of GET /api/pcrs (DescribeNSM + 32 DescribePCR per request).
if wants wrk; then
start_server
wait_ready "$(now_ms)" >/dev/null
wrk -t2 -c"$WRK_CONNECTIONS" -d5s -H "$AUTH_HEADER" "$BASE/api/pcrs" >/dev/null   # warm-up: tiered JIT, pools
: >"$WORK/rps"
for run in $(seq 1 "$RUNS"); do
  rps=$(wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" -H "$AUTH_HEADER" "$BASE/api/pcrs" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  echo "$rps" >>"$WORK/rps"
  echo "  wrk run $run: $rps req/s (load $(load))" >&2
done
echo "api_pcrs_rps: best $(best_max <"$WORK/rps") (wrk -t2 -c$WRK_CONNECTIONS -d${WRK_SECONDS}s; runs: $(summary <"$WORK/rps"); RSS after: $(( $(rss_kb "$SERVER_PID") / 1024 )) MB)"
stop_server
fi
