#!/usr/bin/env bash
# Runs every test of NsmDashboard: the .NET test projects (unit, property, CLI, component, API and
# browser tests) and then the real-driver tier in the rig VM. Prints one closing line:
# "N passed, N failed".
#
#   tests/run.sh            everything
#   NSM_RIG_DIR=DIR         where the rig's setup/run-vm scripts are (default: ../shared/rig)
#
# Without the rig the last tier says plainly that it was skipped; under CI=true it must run.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet test --solution NsmDashboard.sln -c Release --results-directory "$results/trx" --report-trx \
  2>&1 | tee "$results/dotnet.log" || status=1

tests/rig/run-rig-tier.sh 2>&1 | tee "$results/rig.log" || status=1

# Sum the per-assembly summaries of Microsoft.Testing.Platform and the rig tier's own count.
passed=0 failed=0 skipped=0
while read -r p f s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(
  grep -hoE 'failed: [0-9]+, succeeded: [0-9]+, skipped: [0-9]+' "$results/dotnet.log" \
    | sed -E 's/failed: ([0-9]+), succeeded: ([0-9]+), skipped: ([0-9]+)/\2 \1 \3/'
  grep -hoE '^rig tier: [0-9]+ passed, [0-9]+ failed' "$results/rig.log" \
    | sed -E 's/rig tier: ([0-9]+) passed, ([0-9]+) failed/\1 \2 0/'
)
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
