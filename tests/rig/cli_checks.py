"""The `cli` checks of the real-driver tier: what each `nsm` command printed in the rig VM (OUTDIR/NAME.out,
.err, .rc, written by guest-cli.sh in this order), against expectations computed here: SHA-384 extends from
48 zero bytes, docs/rig.md's description of QEMU's device (PCRs unlocked and zero, unsigned documents), and
the CLI's documented output formats and exit codes.
"""

import base64
import hashlib
import json
import os
import re


class CliRun:
    def __init__(self, directory, name):
        base = os.path.join(directory, name)
        self.name = name
        self.out = _read(base + ".out")
        self.err = _read(base + ".err")
        rc = _read(base + ".rc").strip()
        self.rc = int(rc) if rc.lstrip("-").isdigit() else None

    def json(self):
        return json.loads(self.out)


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def sha384_hex(*parts):
    return hashlib.sha384(b"".join(parts)).hexdigest()


ZERO = "00" * 48
HELLO = sha384_hex(bytes(48), b"hello")
HELLO_010203 = sha384_hex(bytes.fromhex(HELLO), bytes([1, 2, 3]))
HELLO_010203_ABC = sha384_hex(bytes.fromhex(HELLO_010203), b"abc")


def cli_checks():
    """(name, expected exit code, check on the run returning None or a reason), in guest-cli.sh order."""

    def lines_equal(expected):
        return lambda r: None if r.out.splitlines() == expected else f"expected {expected!r}, got {r.out.splitlines()!r}"

    def contains(*texts, where="out"):
        def check(r):
            text = getattr(r, where)
            missing = [t for t in texts if t not in text]
            return None if not missing else f"{where} lacks {missing!r}: {text[:400]!r}"
        return check

    def describe_json(r):
        j = r.json()
        ok = (j["version"] == "1.0.0" and j["max_pcrs"] == 32 and j["digest"] == "SHA384" and j["locked_pcrs"] == []
              and j["module_id"] and j["transport"] == {"kind": "device", "description": "/dev/nsm"})
        return None if ok else f"unexpected {j!r}"

    def read_all(r):
        lines = r.out.splitlines()
        expected = [f"{'PCR' + str(i):<5}  unlocked  {ZERO}" for i in range(32)]
        return None if lines == expected else f"expected 32 unlocked zero PCRs (docs/rig.md#qemu-differences item 3), got {lines[:3]!r}…"

    def read_16_json(r):
        return None if r.json() == {"index": 16, "locked": False, "value": ZERO} else f"unexpected {r.out!r}"

    def attest_json(r):
        j = r.json()
        ok = j["nonce"] == "aabb" and j["user_data"] is None and j["public_key"] is None and j["transport"] == "device" \
            and j["pcrs"] == [17] and j["module_id"] and j["length"] > 0
        return None if ok else f"unexpected {j!r}"

    def attest_base64(r):
        try:
            document = base64.b64decode(r.out.strip(), validate=True)
        except ValueError as error:
            return f"not base64: {error}"
        return None if document.startswith(bytes.fromhex("8443a10120a0")) else f"not QEMU's unsigned COSE_Sign1: {document[:8].hex()}"

    def decode_json(r):
        j = r.json()
        ok = (j["nonce"] == "0102030405060708" and j["user_data"] == "68656c6c6f" and j["public_key"] is None
              and j["pcrs"] == {"17": ZERO} and j["cose"]["algorithm"] == -1 and j["certificate"] == "00" * 64
              and j["cabundle"] == ["00" * 64] and j["timestamp"] % 1000 == 0 and j["digest"] == "SHA384")
        return None if ok else f"unexpected {j!r}"

    def verify_unsigned(r):
        return None if "verdict      INVALID (UnsupportedAlgorithm)" in r.out else f"expected the algorithm check to fail first: {r.out[-400:]!r}"

    def random_hex(r):
        return None if re.fullmatch(r"[0-9a-f]{512}\n", r.out) else f"expected 256 bytes of hex: {r.out[:80]!r}"

    def random_json(r):
        j = r.json()
        return None if j["length"] == 256 and re.fullmatch(r"[0-9a-f]{512}", j["random"]) else f"unexpected {j!r}"

    def raw_one(r):
        return None if re.fullmatch(r"a16947657452616e646f6da16672616e646f6d590100[0-9a-f]{512}\n", r.out) else f"unexpected {r.out[:80]!r}"

    def locked_after_range(r):
        j = r.json()
        return None if j["locked_pcrs"] == list(range(16)) + [17] else f"locked_pcrs {j['locked_pcrs']!r}"

    return [
        ("describe", 0, contains("version      1.0.0", "max_pcrs     32", "locked_pcrs  none", "digest       SHA384", "transport    device /dev/nsm")),
        ("describe-json", 0, describe_json),
        ("pcr-read-all", 0, read_all),
        ("pcr-read-16-json", 0, read_16_json),
        ("pcr-extend-16-text", 0, lines_equal([HELLO])),
        ("pcr-read-16", 0, lines_equal([f"PCR16  unlocked  {HELLO}"])),
        ("pcr-extend-16-hex", 0, lines_equal([HELLO_010203])),
        ("pcr-extend-16-file", 0, lines_equal([HELLO_010203_ABC])),
        ("pcr-lock-17", 0, lines_equal(["PCR17 locked"])),
        ("pcr-lock-17-again", 1, contains("Error(ReadOnlyIndex)", where="err")),
        ("pcr-extend-17-locked", 1, contains("Error(ReadOnlyIndex)", where="err")),
        ("pcr-read-32", 1, contains("Error(InvalidIndex)", where="err")),
        ("pcr-lock-range-33", 1, contains("Error(InvalidIndex)", where="err")),
        ("attest-out", 0, contains("module_id   ", "pcrs        17", "user_data   5 bytes  68656c6c6f", "nonce       8 bytes  0102030405060708", "transport   device /dev/nsm")),
        ("attest-json", 0, attest_json),
        ("attest-base64", 0, attest_base64),
        ("decode", 0, contains("protected     a10120  alg -1", "nonce         8 bytes  0102030405060708", "public_key    null", "  certificate   not an X.509 certificate")),
        ("decode-json", 0, decode_json),
        ("decode-stdin", 0, contains("input         cbor, ", "user_data     5 bytes  68656c6c6f")),
        ("verify", 1, verify_unsigned),
        ("random", 0, random_hex),
        ("random-json", 0, random_json),
        ("raw-one", 0, raw_one),
        ("raw-too-large", 3, contains("EMSGSIZE", where="err")),
        ("pcr-lock-range-16", 0, lines_equal(["PCRs 0-15 locked"])),
        ("describe-after-lock-range", 0, locked_after_range),
        ("pcr-extend-0-locked", 1, contains("Error(ReadOnlyIndex)", where="err")),
        ("pcr-lock-range-32", 0, lines_equal(["PCRs 0-31 locked"])),
        ("no-device", 3, contains("ENOENT (errno 2)", "--emulator", where="err")),
        ("emulator-in-guest", 0, contains("transport    emulator")),
        ("usage-error", 2, contains("is not a PCR index", where="err")),
    ]


def run_cli(directory):
    passed = failed = 0
    for name, rc, check in cli_checks():
        run = CliRun(directory, name)
        try:
            reason = f"exit {run.rc}, expected {rc}; stderr: {run.err.strip()[:300]!r}" if run.rc != rc else check(run)
        except (ValueError, KeyError, TypeError) as error:
            reason = f"unreadable output ({error!r}): {run.out[:200]!r}"
        if reason is None:
            passed += 1
            print(f"PASS cli {name}")
        else:
            failed += 1
            print(f"FAIL cli {name}: {reason}")
    return passed, failed
