#!/usr/bin/env bash
# The whole path (docs/rig.md#tier, step 8) on a real kernel: Playwright on this machine drives the dashboard running inside
# the rig VM in device mode on vsock (the real Linux nsm driver), through nsm-proxy in the VM and QEMU's port
# forward:
#
#   Chromium (host) -> 127.0.0.1:HOST_PORT -(hostfwd)-> VM tcp 8443 -> nsm-proxy -> vsock CID 1:5000 -> dashboard
#
# On vsock the dashboard terminates TLS itself (its own P-384 certificate, made at start), so everything from the
# browser to the enclave is HTTPS and nsm-proxy relays only ciphertext.
#
# Runs the browser tests of ThroughRigEnclaveTests (tests/NsmDashboard.EndToEnd.Tests) with NSMDASH_E2E_BASE_URL set,
# then `nsm verify-tls` through the same path (check_verify_tls.py), then records the dashboard's memory in the VM
# (VmRSS, VmHWM).
#
#   tests/rig/run-e2e-tests.sh
#
# Environment:
#   NSM_RIG_DIR          the rig's scripts (setup, run-vm); default: a rig/ beside the checkout (rig_locate)
#   CI                   "true": a missing rig is a failure, not a skip
#   NSM_E2E_HOST_PORT    the host port forwarded into the VM (default: a free one)
#   NSM_RIG_MEMORY       the VM's memory in MB (default: run-vm's); the app runs from the RAM root file system
#                        as in an enclave, so this finds the memory the dashboard needs
#   NSM_ARTIFACTS_PATH   dotnet --artifacts-path for the publishes (default: a fresh temp dir)
#   NSM_E2E_BOOT_SECONDS how long the dashboard in the VM may take to answer (default 240; TCG on a busy machine
#                        can need more)
#   NSM_E2E_VM_SECONDS   the VM's lifetime (default 1800): the browser tests and verify-tls must finish inside it; the
#                        VM is stopped as soon as they do
#
# Prints "e2e: N passed, N failed" and exits 0 only when every test passed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$repo/tests/rig
# shellcheck source=tests/rig/rig-lib.sh
. "$here/rig-lib.sh"
rig_dir=$(rig_locate)
rig_require "e2e tests"

work=$(mktemp -d "${TMPDIR:-/tmp}/nsm-e2e.XXXXXX")
vm_pid=""
cleanup() {
  touch "$work/vm/out/done" 2>/dev/null || true
  if [ -n "$vm_pid" ]; then
    for _ in $(seq 1 30); do kill -0 "$vm_pid" 2>/dev/null || break; sleep 1; done
    kill "$vm_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
artifacts=${NSM_ARTIFACTS_PATH:-$work/artifacts}
vm=$work/vm
mkdir -p "$vm/out"
port=${NSM_E2E_HOST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

echo "e2e: publishing the dashboard (self-contained) and nsm-proxy (native AOT) for linux-x64"
rig_publish "$repo/src/NsmDashboard.Web" "$vm/dashboard" "$artifacts" --self-contained
rig_publish "$repo/src/NsmDashboard.Proxy" "$work/proxy" "$artifacts" -p:PublishAot=true
cp "$work/proxy/nsm-proxy" "$here/guest-dashboard.sh" "$vm/"

# A device without configured operators is read-only: configure one Operator user (only the PBKDF2 hash of its
# password enters the VM, in the format `nsm hash-password` prints), with which the browser tests sign in on the
# login form, and one Operator API token (only its SHA-256 enters the VM, as `nsm new-token` prints it) for the tests'
# API calls: API tokens are bearer-only and sign no browser in.
user=rig-e2e
password="e2e-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
password_hash=$(PASSWORD=$password "$repo/tests/tools/password-hash.py")
token="nsm_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)"
token_hash="sha256\$$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
identity=(-e "Auth__Users__0__Name=$user" -e Auth__Users__0__Role=Operator -e "Auth__Users__0__PasswordHash=$password_hash"
  -e Auth__ApiTokens__0__Name=rig-e2e-token -e Auth__ApiTokens__0__Role=Operator -e "Auth__ApiTokens__0__TokenHash=$token_hash")

# The enclave image's environment beyond the project's runtimeconfig (Dockerfile, ENV).
image_env=(-e DOTNET_GCgen0size=0x400000 -e DOTNET_TC_CallCountThreshold=1000)

echo "e2e: booting the VM (dashboard on vsock 5000, nsm-proxy on 8443, host port $port)"
"$rig_dir/run-vm" -t "${NSM_E2E_VM_SECONDS:-1800}" -p "$port:8443" ${NSM_RIG_MEMORY:+-m "$NSM_RIG_MEMORY"} "${identity[@]}" "${image_env[@]}" \
  "$vm" 'sh guest-dashboard.sh' \
  > "$work/vm.log" 2>&1 &
vm_pid=$!

base="https://127.0.0.1:$port"
started=$SECONDS
until curl -kfsS -o /dev/null --max-time 5 "$base/healthz"; do
  if ! kill -0 "$vm_pid" 2>/dev/null || [ $((SECONDS - started)) -gt "${NSM_E2E_BOOT_SECONDS:-240}" ]; then
    echo "FAILED: e2e: the dashboard in the VM did not answer on $base/healthz within $((SECONDS - started)) s" >&2
    tail -n 20 "$work/vm.log" "$vm/out/dashboard.log" "$vm/out/proxy.log" 2>/dev/null >&2
    echo "e2e: 0 passed, 1 failed"
    exit 1
  fi
  sleep 2
done
echo "e2e: the dashboard answered through the whole path $((SECONDS - started)) s after boot began"

# The first requests JIT-compile the pages in an emulated CPU; warm them up before the browser's timeouts start.
for path in / /pcrs /_framework/blazor.web.js; do curl -kfsS -o /dev/null --max-time 120 "$base$path" || true; done

rm -rf "$repo"/tests/NsmDashboard.EndToEnd.Tests/bin/Release/net10.0/playwright-failures
status=0
NSMDASH_E2E_BASE_URL=$base NSMDASH_E2E_OPERATOR_USER=$user NSMDASH_E2E_OPERATOR_PASSWORD=$password \
NSMDASH_E2E_OPERATOR_TOKEN=$token dotnet test --project "$repo/tests/NsmDashboard.EndToEnd.Tests" -c Release \
  -- --filter-class '*ThroughRigEnclaveTests' 2>&1 | tee "$work/tests.log" || status=$?

# TLS over real vsock: the certificate served through the whole path is the one the enclave attests to.
echo "e2e: nsm verify-tls $base (through nsm-proxy and vsock)"
tls_status=0
# The policy that fits QEMU's NSM: its PCRs 0-15 are zero (so the document reads as debug mode) and measure no image,
# so any enclave, debug mode allowed; the binding and the nonce are what this proves.
dotnet run --project "$repo/src/NsmDashboard.Cli" -c Release -- verify-tls "$base" --any-enclave --allow-debug --json \
  > "$work/verify-tls.json" 2> "$work/verify-tls.err" || tls_status=$?
if python3 -B "$here/check_verify_tls.py" "$work/verify-tls.json" "$tls_status"; then
  tls_passed=1
else
  tls_passed=0
  cat "$work/verify-tls.err" >&2
fi

touch "$vm/out/measure"
for _ in $(seq 1 20); do [ -e "$vm/out/memory.txt" ] && break; sleep 1; done
if [ -e "$vm/out/memory.txt" ]; then
  echo "e2e: dashboard memory in the VM after the tests: $(tr -s ' \n' ' ' < "$vm/out/memory.txt")"
fi

passed=$(sed -nE 's/^ *succeeded: ([0-9]+)$/\1/p' "$work/tests.log" | tail -n 1)
failed=$(sed -nE 's/^ *failed: ([0-9]+)$/\1/p' "$work/tests.log" | tail -n 1)
skipped=$(sed -nE 's/^ *skipped: ([0-9]+)$/\1/p' "$work/tests.log" | tail -n 1)
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}
passed=$((passed + tls_passed)) failed=$((failed + 1 - tls_passed))
# Against the VM every test must run: a skip here means the address did not reach the fixture.
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -lt 2 ] || [ "$skipped" -ne 0 ]; then
  echo "FAILED: e2e: dotnet test exit $status, $passed passed, $failed failed, $skipped skipped" >&2
  tail -n 30 "$vm/out/dashboard.log" "$vm/out/proxy.log" >&2 || true
  for console in "$repo"/tests/NsmDashboard.EndToEnd.Tests/bin/Release/net10.0/playwright-failures/*ThroughRigEnclave*.console.txt; do
    [ -e "$console" ] && { echo "--- $console"; tail -n 20 "$console"; } >&2
  done
  echo "e2e: $passed passed, $((failed > 0 ? failed : 1)) failed"
  exit 1
fi
echo "e2e: $passed passed, 0 failed"
