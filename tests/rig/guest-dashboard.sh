#!/bin/sh
# Runs in the rig VM (tests/rig/run-e2e-tests.sh): the dashboard as the enclave image runs it — self-contained,
# device mode on the real /dev/nsm, listening on vsock port 5000 only — with nsm-proxy in front of it on TCP 8443
# (QEMU forwards a host port there). Until the host writes out/done it serves; when the host writes out/measure it
# records the dashboard's memory in out/memory.txt.
#
# As in an enclave: the app runs from the RAM root file system (copied out of the 9p share), and the loopback
# interface is taken down first, so nothing can depend on it (vsock loopback is a different thing: CID 1).
set -u
cd /host
mkdir -p /enclave-app
cp -a dashboard/. /enclave-app/
ip link set lo down

# The image's command line; identities come from the environment (run-vm -e Auth__…), as they would from the image.
/enclave-app/NsmDashboard.Web --vsock-port 5000 --Nsm:Mode=device > out/dashboard.log 2>&1 &
dashboard=$!
./nsm-proxy --listen 0.0.0.0:8443 --cid 1 --port 5000 --log-level info > out/proxy.log 2>&1 &
proxy=$!
echo "$dashboard $proxy" > out/started

while [ ! -e out/done ]; do
  if [ -e out/measure ] && [ ! -e out/memory.txt ]; then
    { grep -E '^(VmHWM|VmRSS)' "/proc/$dashboard/status"; grep -E '^(MemTotal|MemAvailable)' /proc/meminfo; } > out/memory.tmp
    mv out/memory.tmp out/memory.txt
  fi
  if ! kill -0 "$dashboard" 2>/dev/null; then
    echo "guest: the dashboard exited" >> out/dashboard.log
    break
  fi
  sleep 1
done

kill -TERM "$proxy" "$dashboard" 2>/dev/null
wait
