#!/bin/sh
# Runs in the rig VM (busybox sh, cwd = the shared directory holding the published `nsm`): every CLI command
# against /dev/nsm, from a fresh boot, in the order rig_compare.py's `cli` checks expect. Each command's
# standard output, standard error and exit code go to out/cli/NAME.{out,err,rc}; nothing is judged here.
# The device keeps its state between commands, so the order matters (PCR16 is extended three times, ...).
out=out/cli
mkdir -p "$out"

run() {
    name=$1; shift
    "$@" > "$out/$name.out" 2> "$out/$name.err" < /dev/null
    echo $? > "$out/$name.rc"
}

run_stdin() {
    name=$1; input=$2; shift 2
    "$@" > "$out/$name.out" 2> "$out/$name.err" < "$input"
    echo $? > "$out/$name.rc"
}

printf 'abc' > out/data.bin
# 4097 bytes: one more than NSM_REQUEST_MAX_SIZE (a byte string header and 4092 zero bytes).
too_large=5a00001000$(head -c 4092 /dev/zero | od -An -v -tx1 | tr -d ' \n')

run describe ./nsm describe
run describe-json ./nsm describe --json
run pcr-read-all ./nsm pcr read all
run pcr-read-16-json ./nsm pcr read 16 --json
run pcr-extend-16-text ./nsm pcr extend 16 --text hello
run pcr-read-16 ./nsm pcr read 16
run pcr-extend-16-hex ./nsm pcr extend 16 --hex 010203
run pcr-extend-16-file ./nsm pcr extend 16 --file out/data.bin
run pcr-lock-17 ./nsm pcr lock 17
run pcr-lock-17-again ./nsm pcr lock 17
run pcr-extend-17-locked ./nsm pcr extend 17 --hex 00
run pcr-read-32 ./nsm pcr read 32
run pcr-lock-range-33 ./nsm pcr lock-range 33
run attest-out ./nsm attest --nonce 0102030405060708 --user-data 68656c6c6f --out out/doc.cbor
run attest-json ./nsm attest --nonce aabb --json
run attest-base64 ./nsm attest
run decode ./nsm decode out/doc.cbor
run decode-json ./nsm decode out/doc.cbor --json
run_stdin decode-stdin out/doc.cbor ./nsm decode -
run verify ./nsm verify out/doc.cbor
run random ./nsm random
run random-json ./nsm random --json
run raw-one ./nsm raw 6947657452616e646f6d
run raw-too-large ./nsm raw "$too_large"
run pcr-lock-range-16 ./nsm pcr lock-range 16
run describe-after-lock-range ./nsm describe --json
run pcr-extend-0-locked ./nsm pcr extend 0 --hex 01
run pcr-lock-range-32 ./nsm pcr lock-range 32
run no-device ./nsm --device /dev/nonexistent-nsm describe
run emulator-in-guest ./nsm --emulator describe
run usage-error ./nsm pcr read abc
