# Shared by the tests/rig scripts (source it; needs $repo and $rig_dir set).

rig_prefix=/opt/nsm-rig # where the rig's setup installs QEMU and the guest; run-vm reads it from there

# rig_require WHAT: exits 0 with SKIPPED when the rig is missing outside CI, 1 with FAILED under CI=true.
rig_require() {
  local reason=""
  if [ ! -x "$rig_dir/run-vm" ]; then
    reason="no rig at $rig_dir (set NSM_RIG_DIR)"
  elif [ ! -e "$rig_prefix/VERSION" ]; then
    reason="the rig is not installed in $rig_prefix (run: sudo $rig_dir/setup)"
  elif ! command -v dotnet > /dev/null; then
    echo "FAILED: $1: dotnet is not on PATH" >&2
    exit 1
  fi
  [ -z "$reason" ] && return 0
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: $1: $reason (CI=true requires the rig)" >&2
    exit 1
  fi
  echo "SKIPPED: $1: $reason"
  exit 0
}

# rig_publish PROJECT OUT ARTIFACTS [ARGS...]: a linux-x64 Release publish the guest can run. The guest has no .NET
# and no ICU (rig README), so: self-contained or native AOT, invariant globalization; no debug symbols over 9p.
rig_publish() {
  local project=$1 out=$2 artifacts=$3
  shift 3
  dotnet publish "$project" -c Release -r linux-x64 -p:InvariantGlobalization=true "$@" \
    --artifacts-path "$artifacts" -o "$out" -v quiet -nologo
  rm -f "$out"/*.pdb "$out"/*.dbg
}
