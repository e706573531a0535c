#!/usr/bin/env bash
# The real-driver tier (docs/rig.md#tier): the `nsm` CLI, published for linux-x64, run in the rig VM where /dev/nsm is
# the real Linux nsm driver in front of QEMU's independent NSM emulation (docs/rig.md).
#
#   1. publish the CLI as native AOT (self-contained with invariant globalization if AOT cannot build here)
#   2. boot 1: `nsm raw` over tests/rig/requests.txt against /dev/nsm, from a fresh device
#   3. host:   the same script through `nsm --emulator --debug-mode raw`
#   4. compare the decoded answers request by request (rig_compare.py raw); the only accepted differences
#      are those docs/rig.md#qemu-differences lists for QEMU's device
#   5. boot 2: every CLI command against /dev/nsm (guest-cli.sh), checked by rig_compare.py cli
#   6. the transport's own device tests in the VM (tests/rig/run-device-tests.sh), when present
#   7. the vsock tests in the VM (tests/rig/run-vsock-tests.sh), when present
#   8. the whole path in the VM: Playwright on the host -> nsm-proxy -> vsock -> the dashboard on /dev/nsm
#      (tests/rig/run-e2e-tests.sh)
#
# Prints one closing line "rig tier: N passed, N failed" (tests/run.sh sums it); exits non-zero on any failure.
#
# Environment:
#   NSM_RIG_DIR             the rig's scripts (run-vm, setup); default: a rig/ beside the checkout (rig_locate)
#   CI                      "true": a missing rig is a failure, not a skip
#   NSM_RIG_ARTIFACTS_PATH  dotnet --artifacts-path, kept between runs so later publishes are incremental
#                           (default: a directory under ${TMPDIR:-/tmp} named after this checkout)
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/rig/rig-lib.sh
. "$repo/tests/rig/rig-lib.sh" # rig_prefix, rig_locate
rig_dir=$(rig_locate)
here=$repo/tests/rig

if [ ! -x "$rig_dir/run-vm" ] || [ ! -d "$rig_prefix" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: real-driver tier: rig not installed at ${rig_dir:-any directory beside the checkout} / $rig_prefix (CI=true requires it; set NSM_RIG_DIR, run its setup)"
    echo "rig tier: 0 passed, 1 failed"
    exit 1
  fi
  echo "SKIPPED: real-driver tier (rig not installed at ${rig_dir:-any directory beside the checkout} or $rig_prefix; see docs/rig.md)"
  exit 0
fi

start=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/nsm-rig-tier.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts=${NSM_RIG_ARTIFACTS_PATH:-${TMPDIR:-/tmp}/nsm-rig-tier-artifacts-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)}
vm=$work/vm # shared with the guest at /host: the binary, the scripts, and out/ for results
mkdir -p "$vm/out"

passed=0 failed=0
record() { # record NAME STATUS [DETAIL]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1${3:+: $3}"; fi
}
finish() {
  echo "real-driver tier took $((SECONDS - start)) s"
  echo "rig tier: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
add_counts() { # add_counts LOG: adds rig_compare.py's closing "compare: N passed, N failed"
  local line
  line=$(grep -E '^compare: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
  if [ -z "$line" ]; then record "$2" 1 "no summary (see above)"; return; fi
  passed=$((passed + $(sed -E 's/compare: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")))
}

# 1. Publish. The guest has no .NET runtime and no ICU (docs/rig.md#what-it-is).
echo "real-driver tier: publishing the CLI for linux-x64 (native AOT)"
if dotnet publish "$repo/src/NsmDashboard.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true \
     --artifacts-path "$artifacts" -o "$work/publish" -nologo -v quiet > "$work/publish.log" 2>&1; then
  record "publish nsm (native AOT, $(du -h "$work/publish/nsm" | cut -f1))" 0
else
  tail -n 20 "$work/publish.log"
  echo "real-driver tier: native AOT failed; publishing self-contained instead"
  rm -rf "$work/publish"
  if dotnet publish "$repo/src/NsmDashboard.Cli" -c Release -r linux-x64 --self-contained -p:InvariantGlobalization=true \
       --artifacts-path "$artifacts" -o "$work/publish" -nologo -v quiet > "$work/publish.log" 2>&1; then
    record "publish nsm (self-contained)" 0
  else
    tail -n 40 "$work/publish.log"
    record "publish nsm" 1 "dotnet publish failed"
    finish
  fi
fi
cp -a "$work/publish/." "$vm/"
rm -f "$vm"/*.dbg "$vm"/*.pdb # debug symbols need not cross 9p
cp "$here/requests.txt" "$here/guest-cli.sh" "$vm/"

# 2. Boot 1: the request script against the real driver, from a fresh device.
echo "real-driver tier: boot 1: nsm raw < requests.txt against /dev/nsm"
"$rig_dir/run-vm" -t 120 "$vm" './nsm raw < requests.txt > out/raw-device.txt 2> out/raw-device.err; echo $? > out/raw-device.rc' \
  > "$work/boot1.log" 2>&1
boot=$?
rc=$(cat "$vm/out/raw-device.rc" 2>/dev/null || echo none)
if [ "$boot" -eq 0 ] && [ "$rc" = 0 ]; then
  record "nsm raw against /dev/nsm ($(wc -l < "$vm/out/raw-device.txt") answers)" 0
else
  tail -n 20 "$work/boot1.log"; cat "$vm/out/raw-device.err" 2>/dev/null
  record "nsm raw against /dev/nsm" 1 "run-vm exit $boot, nsm exit $rc"
fi

# 3. The same script through the emulator on the host. Debug mode zeroes PCR0/1/2/8 like QEMU's bare device.
"$vm/nsm" --emulator --debug-mode raw < "$here/requests.txt" > "$work/raw-emulator.txt" 2> "$work/raw-emulator.err"
rc=$?
record "nsm --emulator raw on the host" "$rc" "exit $rc: $(head -c 300 "$work/raw-emulator.err")"

# 4. Decoded answers, request by request.
python3 -B "$here/rig_compare.py" raw "$here/requests.txt" "$vm/out/raw-device.txt" "$work/raw-emulator.txt" \
  | tee "$work/compare-raw.log"
add_counts "$work/compare-raw.log" "raw comparison"

# 5. Boot 2: every command against /dev/nsm, from a fresh device.
echo "real-driver tier: boot 2: every nsm command against /dev/nsm"
"$rig_dir/run-vm" -t 120 "$vm" 'sh guest-cli.sh' > "$work/boot2.log" 2>&1
boot=$?
record "boot 2 (guest-cli.sh)" "$boot" "run-vm exit $boot: $(tail -n 5 "$work/boot2.log" | tr '\n' ' ')"
python3 -B "$here/rig_compare.py" cli "$vm/out/cli" | tee "$work/compare-cli.log"
add_counts "$work/compare-cli.log" "CLI checks"

# 6. The transport's own tests in the VM (written with the transport; absent in older checkouts).
if [ -x "$here/run-device-tests.sh" ]; then
  echo "real-driver tier: device tests (tests/rig/run-device-tests.sh)"
  NSM_RIG_DIR=$rig_dir NSM_ARTIFACTS_PATH=${NSM_ARTIFACTS_PATH:-$artifacts-device-tests} "$here/run-device-tests.sh" 2>&1 | tee "$work/device-tests.log"
  status=${PIPESTATUS[0]}
  summary=$(grep -oE 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+' "$work/device-tests.log" | tail -n 1)
  record "transport device tests in the VM${summary:+ ($summary)}" "$status"
else
  echo "real-driver tier: no tests/rig/run-device-tests.sh; the transport's device tests were not run"
fi

# 7. The vsock tests in the VM: the P/Invoke listener, Kestrel on vsock, the vsock<->TCP relay (vsock_loopback).
if [ -x "$here/run-vsock-tests.sh" ]; then
  echo "real-driver tier: vsock tests (tests/rig/run-vsock-tests.sh)"
  NSM_RIG_DIR=$rig_dir NSM_ARTIFACTS_PATH=${NSM_ARTIFACTS_PATH:-$artifacts-vsock-tests} "$here/run-vsock-tests.sh" 2>&1 | tee "$work/vsock-tests.log"
  status=${PIPESTATUS[0]}
  summary=$(grep -oE 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+' "$work/vsock-tests.log" | tail -n 1)
  record "vsock tests in the VM${summary:+ ($summary)}" "$status"
else
  echo "real-driver tier: no tests/rig/run-vsock-tests.sh; the vsock tests were not run"
fi

# 8. The dashboard as the enclave image runs it (device mode, vsock only, loopback down), driven by a browser on the host.
echo "real-driver tier: end-to-end through nsm-proxy (tests/rig/run-e2e-tests.sh)"
NSM_RIG_DIR=$rig_dir NSM_ARTIFACTS_PATH=${NSM_ARTIFACTS_PATH:-$artifacts-e2e} "$here/run-e2e-tests.sh" 2>&1 | tee "$work/e2e.log"
status=${PIPESTATUS[0]}
summary=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$work/e2e.log" | tail -n 1)
record "browser through nsm-proxy to the dashboard on vsock in the VM${summary:+ (${summary#e2e: })}" "$status"

finish
