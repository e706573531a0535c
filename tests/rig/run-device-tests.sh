#!/usr/bin/env bash
# Runs the transport's device tests ([Trait("Category","Device")] in NsmDashboard.Nsm.Tests) against
# the real Linux nsm driver: publishes the test project self-contained for linux-x64 and runs it in
# the rig VM (docs/rig.md), where /dev/nsm is QEMU's virtio-nsm behind drivers/misc/nsm.c.
#
#   tests/rig/run-device-tests.sh [RUNNER-ARGS...]     e.g. -showLiveOutput to print every exchange
#
# Environment:
#   NSM_RIG_DIR          the rig's scripts (setup, run-vm); default: a rig/ beside the checkout (rig_locate)
#   CI                   "true": a missing rig is a failure, not a skip
#   NSM_RIG_TIMEOUT      seconds before the VM is stopped (default 300)
#   NSM_ARTIFACTS_PATH   dotnet --artifacts-path to reuse between runs (default: a fresh temp dir)
#
# Exit status: 0 all device tests passed (or the rig is absent and CI is not true), 1 otherwise.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/rig/rig-lib.sh
. "$repo/tests/rig/rig-lib.sh"
rig_dir=$(rig_locate)

rig_require "device tests (real /dev/nsm in the rig VM)"
rig_run_tests "device tests" "$repo/tests/NsmDashboard.Nsm.Tests" Device "$@"
