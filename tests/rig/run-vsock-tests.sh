#!/usr/bin/env bash
# Runs the vsock tests ([Trait("Category","Vsock")] in NsmDashboard.Vsock.Tests) over real AF_VSOCK: publishes the
# test project self-contained for linux-x64 and runs it in the rig VM (docs/rig.md), whose kernel has
# vsock_loopback (CID 1). Covers the P/Invoke listener and client, Kestrel on a VsockEndPoint spoken to over
# vsock (with half-close), the relay between vsock and TCP in both directions, and the PROXY v2 path (relay writing
# the header, Kestrel reading it on vsock before TLS, a client without it refused).
#
#   tests/rig/run-vsock-tests.sh [RUNNER-ARGS...]     e.g. -showLiveOutput
#
# Environment:
#   NSM_RIG_DIR          the rig's scripts (setup, run-vm); default: a rig/ beside the checkout (rig_locate)
#   CI                   "true": a missing rig is a failure, not a skip
#   NSM_RIG_TIMEOUT      seconds before the VM is stopped (default 300)
#   NSM_ARTIFACTS_PATH   dotnet --artifacts-path to reuse between runs (default: a fresh temp dir)
#
# Exit status: 0 all vsock tests passed (or the rig is absent and CI is not true), 1 otherwise.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/rig/rig-lib.sh
. "$repo/tests/rig/rig-lib.sh"
rig_dir=$(rig_locate)

rig_require "vsock tests (AF_VSOCK loopback in the rig VM)"
rig_run_tests "vsock tests" "$repo/tests/NsmDashboard.Vsock.Tests" Vsock "$@"
