#!/usr/bin/env bash
# Runs every test of NsmDashboard: the .NET test projects (unit, property, CLI, component, API and
# browser tests) and then the real-driver tier in the rig VM. Prints one closing line:
# "N passed, N failed".
#
#   tests/run.sh            everything
#   NSM_RIG_DIR=DIR         where the rig's setup/run-vm scripts are (default: a rig/ beside the checkout)
#
# Without the rig the last tier says plainly that it was skipped; under CI=true it must run.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet test --solution NsmDashboard.sln -c Release 2>&1 | tee "$results/dotnet.log" || status=1

tests/rig/run-rig-tier.sh 2>&1 | tee "$results/rig.log" || status=1

# Microsoft.Testing.Platform ends a solution run with one summary block ("  succeeded: N" …);
# the rig tier prints its own "rig tier: N passed, N failed".
last() { grep -oE "^ +$1: [0-9]+" "$results/dotnet.log" | tail -n 1 | grep -oE '[0-9]+$' || echo 0; }
passed=$(last succeeded) failed=$(last failed) skipped=$(last skipped)
if rig=$(grep -oE '^rig tier: [0-9]+ passed, [0-9]+ failed' "$results/rig.log"); then
  read -r rp rf < <(sed -E 's/rig tier: ([0-9]+) passed, ([0-9]+) failed/\1 \2/' <<<"$rig")
  passed=$((passed + rp)); failed=$((failed + rf))
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
