"""Checks `nsm verify-tls --json` run against the dashboard in the rig VM (tests/rig/run-e2e-tests.sh).

QEMU's NSM signs nothing and has no certificate chain (docs/rig.md#qemu-differences), so the document cannot verify; what this
proves is the part TLS adds, over real vsock: the document fetched over the TLS connection carries our nonce and
is bound to the certificate served on that very connection. Its PCRs 0-15 are zero, so it runs with the policy
--any-enclave --allow-debug: the debug-mode and expected-PCR checks must then be reported as not applicable.

  check_verify_tls.py VERIFY_TLS_JSON EXIT_CODE     prints one line per check; exits 0 when they hold
"""
import json
import sys


def main() -> int:
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    exit_code = int(sys.argv[2])
    failures = []
    for check in report["binding"]:
        print(f"  {check['status']:6} {check['name']}: {check['evidence']}")
        if check["status"] != "passed":
            failures.append(check["name"])
    nonce = [c for c in report["attestation"]["checks"] if c["id"] == "ExpectedNonce"]
    if not nonce or nonce[0]["status"] != "passed":
        failures.append("the document carries the nonce sent over the TLS connection")
    else:
        print(f"  passed {nonce[0]['name']}: {nonce[0]['evidence']}")
    for check_id in ("DebugMode", "ExpectedPcrs"):
        check = [c for c in report["attestation"]["checks"] if c["id"] == check_id]
        if not check or check[0]["status"] != "not_applicable":
            failures.append(f"{check_id} not applicable under --any-enclave --allow-debug (got {check[0]['status'] if check else 'none'})")
    policy = report.get("policy", {})
    if not (policy.get("any_enclave") and policy.get("allow_debug")):
        failures.append(f"the policy --any-enclave --allow-debug in the report (got {policy})")
    if len(report["certificate"].get("sha256", "").split(":")) != 32:
        failures.append("the certificate's SHA-256 fingerprint in the colon form browsers show")
    print(f"  {report.get('alpn') or 'no ALPN'} {report.get('http_version')}, certificate {report['certificate'].get('sha256')}")
    if not report["protocol"].startswith("Tls"):
        failures.append(f"a TLS connection (got {report['protocol']})")
    # Exit 1 is right here (the unsigned document fails the chain); 0 would mean QEMU began signing.
    if exit_code not in (0, 1):
        failures.append(f"verify-tls exit code 0 or 1 (got {exit_code})")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
