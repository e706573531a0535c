#!/usr/bin/env bash
# The enclave image's files as nitro-cli puts them in the EIF: `nitro-cli build-enclave` turns the Docker image's file
# system into an initramfs (a "newc" cpio archive, gzip-compressed) beside the kernel and its own init; at boot the
# kernel unpacks it into RAM, so the files cost enclave memory uncompressed, and the EIF size (of which this is the
# bulk) sets the smallest `--memory` nitro-cli accepts (4 x the EIF size).
#
#   tests/NsmDashboard.Benchmarks/image/measure-image.sh              # publishes as the Dockerfile and tests/rig do
#   PUBLISHED=/tmp/pub tests/NsmDashboard.Benchmarks/image/measure-image.sh   # measures a directory already published
#
# Prints the file count, the bytes of the files (du -sb), the uncompressed cpio archive and the gzip -9 archive, and
# the largest files. The chiseled runtime-deps base image (glibc, OpenSSL, libstdc++, certificates) is not included:
# no Docker engine runs on the development machines.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

published=${PUBLISHED:-}
if [ -z "$published" ]; then
  published=$work/publish
  echo "publishing src/NsmDashboard.Web (Release, linux-x64, self-contained, invariant globalization) ..." >&2
  # The Dockerfile's publish; everything else comes from the project (NsmDashboard.Web.csproj, self-contained group).
  dotnet publish "$root/src/NsmDashboard.Web" -c Release -r linux-x64 --self-contained -p:InvariantGlobalization=true \
    --artifacts-path "$work/artifacts" -o "$published" -v quiet -nologo >&2
fi

python3 -B - "$published" <<'PY'
import gzip, os, stat, sys

top = sys.argv[1]

def newc(name, st, data):
    """One cpio "newc" entry (the format the kernel's initramfs unpacker reads): 110-byte header, name, data."""
    fields = [st.st_ino & 0xFFFFFFFF, st.st_mode, 0, 0, st.st_nlink, int(st.st_mtime), len(data), 0, 0, 0, 0,
              len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)

archive = bytearray()
files = 0
size = 0
largest = []
for dirpath, dirnames, filenames in os.walk(top):
    dirnames.sort()
    for name in [""] + sorted(filenames):
        path = os.path.join(dirpath, name) if name else dirpath
        st = os.lstat(path)
        rel = "app/" + os.path.relpath(path, top) if path != top else "app"
        data = open(path, "rb").read() if stat.S_ISREG(st.st_mode) else b""
        if stat.S_ISREG(st.st_mode):
            files += 1
            size += len(data)
            largest.append((len(data), os.path.relpath(path, top)))
        archive += newc(os.path.normpath(rel), st, data)
archive += newc("TRAILER!!!", os.stat_result((0, 0, 0, 1, 0, 0, 0, 0, 0, 0)), b"")
compressed = len(gzip.compress(bytes(archive), compresslevel=9, mtime=0))
mb = lambda n: f"{n / 1e6:.1f} MB"
print(f"files: {files}, {size:,} bytes ({mb(size)})")
print(f"cpio newc: {len(archive):,} bytes ({mb(len(archive))}); gzip -9: {compressed:,} bytes ({mb(compressed)})")
print("largest:")
for n, name in sorted(largest, reverse=True)[:12]:
    print(f"  {n:>12,}  {name}")
PY
