#!/usr/bin/env bash
# Soak run: the published Release dashboard on the emulator, 200 open Blazor circuits, a steady API load (reads,
# extends, attestation bursts, one burst over the per-user limit whose 429s are intended), periodic exports and imports,
# sampled every 10 s (RSS, managed heap, GC pause, threads, p50/p99 per route class, every bounded store against its
# bound). Prints the report and writes it with the samples to $OUT_DIR (report.md, samples.csv, server.log).
#
#   tests/NsmDashboard.Benchmarks/soak/soak.sh                    # 10 minutes
#   MINUTES=60 tests/NsmDashboard.Benchmarks/soak/soak.sh         # the long run
#   MINUTES=2 CIRCUITS=20 SKIP_PUBLISH=1 tests/NsmDashboard.Benchmarks/soak/soak.sh
#
# The stores run with bounds small enough to be reached early (AUDIT_CAPACITY 300 and EVENTLOG_CAPACITY 200; audited
# operations arrive at 50-200 a minute and extends at 20-160 a minute, depending on how busy the machine is;
# EVENTLOG_MAX_DATA_BYTES 4 KiB, below what 200 entries carry), so "at or under its bound" is tested, not assumed.
# The warm-up, left out of the RSS baseline, ends at the later of WARMUP_MINUTES (default: a fifth of the run, at least
# 3 and at most 5 minutes) and the first sample with the audit trail and the event log full: RSS after the warm-up is
# that of full stores, and the report says when they filled. Rate limits stay at their defaults
# (60 mutations, 120 attestations per user and minute): each load loop has its own token and stays under them,
# except the over-limit token. Exit code: 0 pass, 1 a criterion failed, 2 setup failed.
# Needs: dotnet, curl, python3. The driver is `dotnet run --project tests/NsmDashboard.Benchmarks -- soak` (soak/*.cs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=${NSMDASH_SOAK_OUT:-/tmp/nsmdash-soak}
ARTIFACTS=${NSMDASH_SOAK_ARTIFACTS:-/tmp/art-nsmdash-soak}
PORT=${PORT:-5093}
MINUTES=${MINUTES:-10}
CIRCUITS=${CIRCUITS:-200}
AUDIT_CAPACITY=${AUDIT_CAPACITY:-300}
EVENTLOG_CAPACITY=${EVENTLOG_CAPACITY:-200}
EVENTLOG_MAX_DATA_BYTES=${EVENTLOG_MAX_DATA_BYTES:-4096}
WARMUP_MINUTES=${WARMUP_MINUTES:-$(awk -v m="$MINUTES" 'BEGIN { w = m / 5; if (w < 3) w = 3; if (w > 5) w = 5; print w }')}
OUT_DIR=${OUT_DIR:-$ROOT/tests/NsmDashboard.Benchmarks/soak/results/$(date -u +%Y%m%dT%H%M%SZ)-${MINUTES}min}
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

command -v curl >/dev/null || { echo "soak.sh: curl is missing (apt-get install -y curl)" >&2; exit 2; }
mkdir -p "$OUT_DIR"

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "publishing the dashboard (Release) to $OUT and building the driver ..." >&2
  dotnet publish "$ROOT/src/NsmDashboard.Web" -c Release -o "$OUT" --artifacts-path "$ARTIFACTS" -v q >&2
  dotnet build "$ROOT/tests/NsmDashboard.Benchmarks" -c Release --artifacts-path "$ARTIFACTS" -v q >&2
fi
DRIVER=$(find "$ARTIFACTS/bin/NsmDashboard.Benchmarks" -name NsmDashboard.Benchmarks.dll -path '*release*' | head -1)
[ -n "$DRIVER" ] || { echo "soak.sh: the driver is not built under $ARTIFACTS (run without SKIP_PUBLISH=1)" >&2; exit 2; }

# The circuits sign in on the login form as one Viewer user (API tokens sign no browser in); only the hash of its
# password is configured, the driver reads the password from the environment.
BROWSER_USER=soak-browser
export NSMDASH_SOAK_PASSWORD="soak-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
BROWSER_PASSWORD_HASH=$(PASSWORD=$NSMDASH_SOAK_PASSWORD "$ROOT/tests/tools/password-hash.py")
# One token per load loop, configured by its hash, so that each stays under its own per-user limit.
new_token() { echo "nsm_soak-$1-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; }
hash_of() { echo "sha256\$$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)"; }
READER=$(new_token reader); ATTESTER=$(new_token attester); BURSTER=$(new_token burster)
EXTENDERS=(); for i in 0 1 2 3; do EXTENDERS+=("$(new_token "extender$i")"); done
ARGS=()
add_token() { local n=${#ARGS[@]}; local i=$(( n / 3 )); ARGS+=("--Auth:ApiTokens:$i:Name=$1" "--Auth:ApiTokens:$i:Role=$2" "--Auth:ApiTokens:$i:TokenHash=$(hash_of "$3")"); }
add_token reader Viewer "$READER"; add_token attester Operator "$ATTESTER"; add_token burster Operator "$BURSTER"
for i in 0 1 2 3; do add_token "extender$i" Operator "${EXTENDERS[$i]}"; done

# The circuit and WebSocket limits (100 and 128 by default, sized for a few operators) are raised to hold CIRCUITS
# tabs with the defaults' room for reconnecting ones. Logging at Warning: the audit lines are not what is measured
# (the AUDIT lines of failures still show).
"$OUT/NsmDashboard.Web" --urls "$BASE" --Nsm:Mode=emulator "${ARGS[@]}" \
  "--Auth:Users:0:Name=$BROWSER_USER" --Auth:Users:0:Role=Viewer "--Auth:Users:0:PasswordHash=$BROWSER_PASSWORD_HASH" \
  --NsmDashboard:Limits:MaxCircuits=$(( CIRCUITS + 100 )) --NsmDashboard:Limits:MaxUpgradedConnections=$(( CIRCUITS + 128 )) \
  --Audit:Capacity="$AUDIT_CAPACITY" --Nsm:EventLog:Capacity="$EVENTLOG_CAPACITY" --Nsm:EventLog:MaxDataBytes="$EVENTLOG_MAX_DATA_BYTES" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:NsmDashboard=Warning \
  --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$OUT_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2>/dev/null)" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT_DIR/server.log" >&2; echo "soak.sh: the dashboard exited" >&2; exit 2; }
  sleep 0.1
done

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with local changes)'); started $(date -u +%FT%TZ); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT_DIR/machine.txt" >&2

set +e
dotnet "$DRIVER" soak --url "$BASE" --pid "$SERVER_PID" --minutes "$MINUTES" --warmup-minutes "$WARMUP_MINUTES" --circuits "$CIRCUITS" \
  --browser-user "$BROWSER_USER" --reader-token "$READER" --attester-token "$ATTESTER" --burster-token "$BURSTER" \
  --extender-tokens "$(IFS=,; echo "${EXTENDERS[*]}")" \
  --audit-capacity "$AUDIT_CAPACITY" --eventlog-capacity "$EVENTLOG_CAPACITY" --eventlog-max-data-bytes "$EVENTLOG_MAX_DATA_BYTES" \
  --out "$OUT_DIR" ${DRIVER_ARGS:-} 2> >(tee "$OUT_DIR/driver.log" >&2)
status=$?
set -e
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg); report: $OUT_DIR/report.md" | tee -a "$OUT_DIR/machine.txt" >&2
exit $status
