#!/usr/bin/env python3
"""Checks for the real-driver tier (tests/rig/run-rig-tier.sh).

  rig_compare.py raw REQUESTS DEVICE_OUT EMULATOR_OUT
      Decodes, request by request, what `nsm raw` answered on /dev/nsm in the rig VM (the real Linux nsm
      driver in front of QEMU's virtio-nsm) and what `nsm --emulator --debug-mode raw` answered on the host,
      and compares them. The only differences accepted are those docs/rig.md#qemu-differences lists for QEMU's
      device:
        #1/#2 the document is unsigned: protected header {1: -1}, 64 zero bytes of signature, certificate
              and cabundle [64 zero bytes]
        #3    PCRs 0-15 start zero and unlocked (DescribeNSM's locked set is empty, ExtendPCR{0} succeeds);
              the device's answers on PCRs 0-15 are checked against a model of such PCRs instead
        #4    the document's pcrs hold only the locked PCRs (so 0-15 only once locked)
        #5    module_id
        #6    the timestamp has whole-second resolution
      plus what is random or encoding-only: GetRandom's bytes, and key order / integer width (answers are
      compared decoded). Everything else must be equal. (QEMU also refuses index/range integers wider
      than 8 bits, item 7, which serde_cbor and so the emulator accept; the script sends no such request, the
      in-process codec tests cover them.)

  rig_compare.py cli OUTDIR
      Checks what each `nsm` command printed in the VM (OUTDIR/NAME.out, .err, .rc, written by guest-cli.sh).

Prints one line per check (PASS/FAIL) and a closing "compare: N passed, N failed"; exits 1 on any failure.
python3 without third-party modules: CBOR is decoded by nsm_cbor.py beside this script.
"""

import hashlib
import sys

from cli_checks import run_cli
from nsm_cbor import CborError, cbor_decode, describe


# ------------------------------------------------------------------------------------- requests file


def read_requests(path):
    """(hex, name) for every request line, parsed the way `nsm raw` parses standard input."""
    requests = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text, _, comment = line.partition("#")
            text = "".join(text.split())
            if not text:
                continue
            name = comment.strip() or text[:40]
            requests.append((text.lower(), name))
    return requests


def read_answers(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


# ------------------------------------------------------------------------------ raw answer comparison

ERROR = lambda code: {"Error": code}  # noqa: E731
READ_ONLY = ERROR("ReadOnlyIndex")
# PCRs 0-15 are locked from boot on Nitro, unlocked on QEMU's bare device (docs/rig.md#qemu-differences item 3).
BOOT_LOCKED = 16


class QemuLowPcrs:
    """QEMU's PCRs 0-15 (docs/rig.md#qemu-differences item 3): 48 zero bytes, unlocked, SHA-384 extend."""

    def __init__(self):
        self.values = [bytes(48)] * BOOT_LOCKED
        self.locked = set()


def parse_request(hex_text):
    """(variant, fields) of a request, or (None, None) when it is not a well-formed NSM request."""
    try:
        value = cbor_decode(bytes.fromhex(hex_text))
    except (CborError, ValueError, UnicodeDecodeError):
        return None, None
    if isinstance(value, str):
        return value, {}
    if isinstance(value, dict) and len(value) == 1:
        (variant, fields), = value.items()
        if isinstance(variant, str) and isinstance(fields, dict):
            return variant, fields
    return None, None


def as_bytes(value):
    return value.encode("utf-8") if isinstance(value, str) else value


def compare_raw(request, device, emulator, low):
    """None when the answers agree (allowing the differences of docs/rig.md#qemu-differences), else the reason."""
    variant, fields = parse_request(request)
    index = fields.get("index") if fields else None
    low_index = type(index) is int and 0 <= index < BOOT_LOCKED  # not bool, which Python counts as int

    if variant == "DescribeNSM" and isinstance(device, dict) and "DescribeNSM" in device:
        return compare_describe_nsm(device, emulator, low)
    if variant == "GetRandom" and device != emulator:
        ok = all(isinstance(a, dict) and len(a.get("GetRandom", {}).get("random", b"")) == 256 for a in (device, emulator))
        return None if ok else f"expected 256 random bytes from both: {describe(device)} / {describe(emulator)}"
    if variant == "DescribePCR" and low_index:
        expected = {"DescribePCR": {"lock": index in low.locked, "data": low.values[index]}}
        if device != expected:
            return f"device: expected {describe(expected)} (an unlocked, unmeasured QEMU PCR), got {describe(device)}"
        if not (isinstance(emulator, dict) and emulator.get("DescribePCR", {}).get("lock") is True):
            return f"emulator: PCR{index} must be locked from boot, got {describe(emulator)}"
        return None
    if variant == "ExtendPCR" and low_index and "data" in fields:
        if index in low.locked:
            expected = READ_ONLY
        else:
            low.values[index] = hashlib.sha384(low.values[index] + as_bytes(fields["data"])).digest()
            expected = {"ExtendPCR": {"data": low.values[index]}}
        if device != expected:
            return f"device: expected {describe(expected)}, got {describe(device)}"
        return None if emulator == READ_ONLY else f"emulator: PCR{index} is locked from boot, expected ReadOnlyIndex, got {describe(emulator)}"
    if variant == "LockPCR" and low_index:
        expected = READ_ONLY if index in low.locked else "LockPCR"
        low.locked.add(index)
        if device != expected:
            return f"device: expected {describe(expected)}, got {describe(device)}"
        return None if emulator == READ_ONLY else f"emulator: PCR{index} is locked from boot, expected ReadOnlyIndex, got {describe(emulator)}"
    if variant == "LockPCRs" and device == "LockPCRs" and type(fields.get("range")) is int:
        low.locked.update(range(min(fields["range"], BOOT_LOCKED)))
    if variant == "Attestation" and isinstance(device, dict) and "Attestation" in device:
        if not (isinstance(emulator, dict) and "Attestation" in emulator):
            return f"the emulator answered {describe(emulator)}"
        return compare_documents(device["Attestation"].get("document"), emulator["Attestation"].get("document"), fields, low)

    return None if device == emulator else f"answers differ: device {describe(device)} / emulator {describe(emulator)}"


def compare_describe_nsm(device, emulator, low):
    d, e = device["DescribeNSM"], (emulator or {}).get("DescribeNSM") if isinstance(emulator, dict) else None
    if not isinstance(e, dict):
        return f"the emulator answered {describe(emulator)}"
    for key in ("version_major", "version_minor", "version_patch", "max_pcrs", "digest"):
        if d.get(key) != e.get(key):
            return f"{key}: device {d.get(key)!r} / emulator {e.get(key)!r}"
    if set(d) != set(e):
        return f"keys differ: {sorted(d)} / {sorted(e)}"
    if not (isinstance(d.get("module_id"), str) and d["module_id"] and isinstance(e.get("module_id"), str)):
        return "module_id must be non-empty text on both (its value differs: docs/rig.md#qemu-differences item 5)"
    device_locked, emulator_locked = set(d.get("locked_pcrs", [])), set(e.get("locked_pcrs", []))
    if {i for i in device_locked if i < BOOT_LOCKED} != low.locked:
        return f"device locked_pcrs {sorted(device_locked)}: PCRs below 16 should be {sorted(low.locked)}"
    if emulator_locked != device_locked | set(range(BOOT_LOCKED)):
        return f"locked_pcrs: device {sorted(device_locked)} / emulator {sorted(emulator_locked)} differ beyond PCRs 0-15"
    return None


def compare_documents(device_doc, emulator_doc, request, low):
    try:
        d_env, e_env = cbor_decode(device_doc), cbor_decode(emulator_doc)
        d_prot, d_unprot, d_payload_raw, d_sig = d_env
        e_prot, e_unprot, e_payload_raw, e_sig = e_env
        d, e = cbor_decode(d_payload_raw), cbor_decode(e_payload_raw)
        d_alg, e_alg = cbor_decode(d_prot), cbor_decode(e_prot)
    except (CborError, ValueError, TypeError) as error:
        return f"a document does not decode as a COSE_Sign1 with a map payload: {error}"
    # docs/rig.md#qemu-differences items 1 and 2: QEMU's document is unsigned and has no chain; the emulator's is signed by its own CA.
    if d_alg != {1: -1} or d_sig != bytes(64):
        return f"device document: expected protected {{1: -1}} and 64 zero signature bytes, got {describe(d_alg)} and {describe(d_sig)}"
    if e_alg != {1: -35} or len(e_sig) != 96:
        return f"emulator document: expected protected {{1: -35}} and a 96-byte signature, got {describe(e_alg)} and {len(e_sig)} bytes"
    if d_unprot != {} or e_unprot != {}:
        return "the unprotected header must be empty on both"
    if set(d) != set(e):
        return f"payload keys differ: {sorted(d)} / {sorted(e)}"
    if d.get("certificate") != bytes(64) or d.get("cabundle") != [bytes(64)]:
        return "device document: expected certificate and cabundle of 64 zero bytes (docs/rig.md#qemu-differences item 2)"
    if not (isinstance(e.get("certificate"), bytes) and e["certificate"][:1] == b"\x30" and e.get("cabundle")
            and all(isinstance(c, bytes) and c[:1] == b"\x30" for c in e["cabundle"])):
        return "emulator document: certificate and cabundle must be DER certificates"
    if d.get("digest") != e.get("digest") or d.get("digest") != "SHA384":
        return f"digest: device {d.get('digest')!r} / emulator {e.get('digest')!r}"
    if not (isinstance(d.get("module_id"), str) and isinstance(e.get("module_id"), str)):
        return "module_id must be text on both (its value differs: docs/rig.md#qemu-differences item 5)"
    d_time, e_time = d.get("timestamp"), e.get("timestamp")
    if not (isinstance(d_time, int) and isinstance(e_time, int) and d_time > 0 and e_time > 0):
        return f"timestamp must be a positive integer on both: {d_time!r} / {e_time!r}"
    if d_time % 1000:
        return f"device timestamp {d_time} is not whole seconds (QEMU uses time()*1000: docs/rig.md#qemu-differences item 6)"
    if abs(d_time - e_time) > 3600_000:
        return f"timestamps {d_time} / {e_time} are more than an hour apart"
    for key in ("public_key", "user_data", "nonce"):
        # Exactly what was sent: null stays null, an empty byte string stays empty (docs/attestation-document.md#payload).
        sent = as_bytes(request.get(key))
        for side, document in (("device", d), ("emulator", e)):
            if document.get(key) != sent:
                return f"{key}: the {side}'s document holds {describe(document.get(key))} but the request sent {describe(sent)}"
    d_pcrs, e_pcrs = d.get("pcrs"), e.get("pcrs")
    if not (isinstance(d_pcrs, dict) and isinstance(e_pcrs, dict)):
        return "pcrs must be a map on both"
    d_high = {k: v for k, v in d_pcrs.items() if k >= BOOT_LOCKED}
    e_high = {k: v for k, v in e_pcrs.items() if k >= BOOT_LOCKED}
    if d_high != e_high:
        return f"pcrs 16-31: device {sorted(d_high)} / emulator {sorted(e_high)} (or their values) differ"
    d_low = {k: v for k, v in d_pcrs.items() if k < BOOT_LOCKED}
    if d_low != {i: low.values[i] for i in low.locked}:
        return f"device pcrs 0-15: expected the locked ones {sorted(low.locked)} (docs/rig.md#qemu-differences item 4), got {sorted(d_low)}"
    if {k for k in e_pcrs if k < BOOT_LOCKED} != set(range(BOOT_LOCKED)):
        return f"emulator pcrs must hold 0-15 (locked from boot), got {sorted(e_pcrs)}"
    return None


def run_raw(requests_path, device_path, emulator_path):
    requests = read_requests(requests_path)
    device, emulator = read_answers(device_path), read_answers(emulator_path)
    passed = failed = 0
    low = QemuLowPcrs()
    for number, (request, name) in enumerate(requests, 1):
        label = f"raw {number:02d} {name}"
        if number > len(device) or number > len(emulator):
            print(f"FAIL {label}: no answer (device {len(device)} lines, emulator {len(emulator)} lines)")
            failed += 1
            continue
        try:
            d, e = cbor_decode(bytes.fromhex(device[number - 1])), cbor_decode(bytes.fromhex(emulator[number - 1]))
        except (CborError, ValueError, UnicodeDecodeError) as error:
            print(f"FAIL {label}: an answer is not CBOR: {error}")
            failed += 1
            continue
        reason = compare_raw(request, d, e, low)
        if reason is None:
            passed += 1
            print(f"PASS {label}")
        else:
            failed += 1
            print(f"FAIL {label}: {reason}")
    for extra, lines in (("device", device), ("emulator", emulator)):
        if len(lines) > len(requests):
            print(f"FAIL raw: the {extra} printed {len(lines)} lines for {len(requests)} requests")
            failed += 1
    return passed, failed


def main(argv):
    if len(argv) == 5 and argv[1] == "raw":
        passed, failed = run_raw(argv[2], argv[3], argv[4])
    elif len(argv) == 3 and argv[1] == "cli":
        passed, failed = run_cli(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"compare: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
