#!/usr/bin/env bash
# Runs the vsock tests ([Trait("Category","Vsock")] in NsmDashboard.Vsock.Tests) over real AF_VSOCK: publishes the
# test project self-contained for linux-x64 and runs it in the rig VM (../shared/rig/README.md), whose kernel has
# vsock_loopback (CID 1). Covers the P/Invoke listener and client, Kestrel on a VsockEndPoint spoken to over
# vsock (with half-close), and the relay between vsock and TCP in both directions.
#
#   tests/rig/run-vsock-tests.sh [RUNNER-ARGS...]     e.g. -showLiveOutput
#
# Environment:
#   NSM_RIG_DIR          the rig's scripts (setup, run-vm); default ../shared/rig from the repo root
#   CI                   "true": a missing rig is a failure, not a skip
#   NSM_RIG_TIMEOUT      seconds before the VM is stopped (default 300)
#   NSM_ARTIFACTS_PATH   dotnet --artifacts-path to reuse between runs (default: a fresh temp dir)
#
# Exit status: 0 all vsock tests passed (or the rig is absent and CI is not true), 1 otherwise.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rig_dir=${NSM_RIG_DIR:-$repo/../shared/rig}
rig_prefix=/opt/nsm-rig # where the rig's setup installs QEMU and the guest; run-vm reads it from there
timeout=${NSM_RIG_TIMEOUT:-300}
project=$repo/tests/NsmDashboard.Vsock.Tests

skip_or_fail() {
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: vsock tests: $1 (CI=true requires the rig)" >&2
    exit 1
  fi
  echo "SKIPPED: vsock tests (AF_VSOCK loopback in the rig VM): $1"
  exit 0
}

[ -x "$rig_dir/run-vm" ] || skip_or_fail "no rig at $rig_dir (set NSM_RIG_DIR)"
[ -e "$rig_prefix/VERSION" ] || skip_or_fail "the rig is not installed in $rig_prefix (run: sudo $rig_dir/setup)"
command -v dotnet >/dev/null || { echo "FAILED: vsock tests: dotnet is not on PATH" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nsm-vsock-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts=${NSM_ARTIFACTS_PATH:-$work/artifacts}
out=$work/publish

# The guest has no .NET and no ICU: self-contained with invariant globalization (rig README).
echo "vsock tests: publishing $project for linux-x64"
dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:InvariantGlobalization=true \
  --artifacts-path "$artifacts" -o "$out" -v quiet -nologo
rm -f "$out"/*.pdb # debug symbols need not cross 9p

# -failSkips: inside the VM every vsock test must run; a skip there means vsock loopback was missing.
runner=(./NsmDashboard.Vsock.Tests -trait Category=Vsock -failSkips -noColor "$@")
echo "vsock tests: running in the rig VM: ${runner[*]}"
status=0
"$rig_dir/run-vm" -t "$timeout" "$out" "$(printf '%q ' "${runner[@]}")" 2>&1 | tee "$work/run.log" || status=$?

summary=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+' "$work/run.log" | tail -n 1 || true)
if [ "$status" -eq 0 ] && [ -n "$summary" ]; then
  echo "vsock tests: PASSED (${summary#*NsmDashboard.Vsock.Tests  })"
  exit 0
fi
case $status in
  124) reason="the VM timed out after ${timeout}s" ;;
  0) reason="the runner printed no summary" ;;
  *) reason="exit status $status${summary:+; ${summary#*NsmDashboard.Vsock.Tests  }}" ;;
esac
echo "FAILED: vsock tests: $reason" >&2
exit 1
