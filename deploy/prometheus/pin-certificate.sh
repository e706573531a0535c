#!/bin/sh
# Pins an enclave dashboard's TLS certificate for Prometheus, only after proving it is the enclave's own.
#
#   pin-certificate.sh https://PARENT:8443 /etc/prometheus/nsm-dashboard/enclave-a.pem \
#       --measurements nsm-dashboard.measurements.json        # and any other nsm verify-tls option
#
# 1. `nsm verify-tls` opens a TLS connection, asks the dashboard over that same connection for an attestation
#    document with a fresh nonce, verifies it (AWS root, or --root / --emulator-root) and checks that it binds
#    the certificate served (public_key = its key, user_data = SHA-384 of its DER), and that the document's PCRs
#    are the image's (--measurements, from `nitro-cli build-enclave`): any enclave can bind its own certificate,
#    the parent can launch one. Only a process inside that enclave holds the key, so a relay or a parent with
#    another certificate or another image fails here.
# 2. The certificate is fetched again with openssl and kept only if its SHA-384 is the one verify-tls proved.
# 3. It is written atomically; Prometheus notices a changed ca_file by itself.
#
# Needs `nsm` (this repository's CLI) on PATH, openssl and jq. Exits non-zero, writing nothing, on any doubt.
set -eu

if [ "$#" -lt 2 ]; then
  echo "usage: $0 https://HOST:PORT OUT.pem [nsm verify-tls options]" >&2
  exit 2
fi

url=$1
out=$2
shift 2
case "$url" in
  https://*) ;;
  *) echo "$0: $url is not an https:// address" >&2; exit 2 ;;
esac
authority=${url#https://}
authority=${authority%%/*}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

if ! nsm verify-tls "$url" --json "$@" > "$work/report.json"; then
  echo "$0: nsm verify-tls did not verify $url; nothing pinned" >&2
  jq -r '.verdict // empty' "$work/report.json" >&2 2>/dev/null || true
  exit 1
fi
jq -e '.verified == true' "$work/report.json" > /dev/null
proven=$(jq -er '.certificate.sha384' "$work/report.json")

# The dashboard's certificates always name localhost (README, "Fleets").
openssl s_client -connect "$authority" -servername localhost < /dev/null 2> /dev/null \
  | openssl x509 -outform PEM > "$work/served.pem"
served=$(openssl x509 -in "$work/served.pem" -outform DER | openssl dgst -sha384 -r | cut -d' ' -f1)

if [ "$served" != "$proven" ]; then
  echo "$0: the certificate served now (sha384 $served) is not the one verify-tls proved ($proven); nothing pinned" >&2
  exit 1
fi

cp "$work/served.pem" "$out.tmp"
chmod 0644 "$out.tmp"
mv "$out.tmp" "$out"
echo "pinned $url: certificate sha384 $proven -> $out"
