# Shared by the tests/rig scripts (source it with $repo set; the functions below read $rig_dir, which rig_locate finds).

# rig_locate: prints the directory of the rig's scripts (setup, run-vm), which live outside this repository
# (docs/rig.md#what-it-is): $NSM_RIG_DIR when set, otherwise the first rig/ holding an executable run-vm in a
# directory beside the checkout; nothing when there is none (rig_require then skips, or fails under CI=true).
rig_locate() {
  if [ -n "${NSM_RIG_DIR:-}" ]; then
    echo "$NSM_RIG_DIR"
    return
  fi
  local candidate
  for candidate in "$repo"/../*/rig; do
    if [ -x "$candidate/run-vm" ]; then
      (cd "$candidate" && pwd)
      return
    fi
  done
}

rig_prefix=/opt/nsm-rig # where the rig's setup installs QEMU and the guest; run-vm reads it from there

# rig_require WHAT: exits 0 with SKIPPED when the rig is missing outside CI, 1 with FAILED under CI=true.
rig_require() {
  local reason=""
  if [ ! -x "$rig_dir/run-vm" ]; then
    reason="no rig at ${rig_dir:-any directory beside the checkout} (set NSM_RIG_DIR)"
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
# and no ICU (docs/rig.md#what-it-is), so: self-contained or native AOT, invariant globalization; no debug symbols over 9p.
rig_publish() {
  local project=$1 out=$2 artifacts=$3
  shift 3
  dotnet publish "$project" -c Release -r linux-x64 -p:InvariantGlobalization=true "$@" \
    --artifacts-path "$artifacts" -o "$out" -v quiet -nologo
  rm -f "$out"/*.pdb "$out"/*.dbg
}

# rig_run_tests LABEL PROJECT CATEGORY [RUNNER-ARGS...]: publishes a test project for the guest and runs the tests of
# [Trait("Category", CATEGORY)] in the rig VM. -failSkips: inside the VM every one of them must run, a skip there
# means the device or vsock loopback was missing. Exits 0 when all passed, 1 otherwise.
rig_run_tests() {
  local label=$1 project=$2 category=$3
  shift 3
  local timeout=${NSM_RIG_TIMEOUT:-300} work name status=0 summary reason
  work=$(mktemp -d "${TMPDIR:-/tmp}/nsm-rig-tests.XXXXXX")
  # shellcheck disable=SC2064 # expand now: $work is local
  trap "rm -rf '$work'" EXIT
  name=$(basename "$project")

  echo "$label: publishing $project for linux-x64"
  rig_publish "$project" "$work/publish" "${NSM_ARTIFACTS_PATH:-$work/artifacts}" --self-contained
  local runner=("./$name" -trait "Category=$category" -failSkips -noColor "$@")
  echo "$label: running in the rig VM: ${runner[*]}"
  "$rig_dir/run-vm" -t "$timeout" "$work/publish" "$(printf '%q ' "${runner[@]}")" 2>&1 | tee "$work/run.log" || status=$?

  summary=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+' "$work/run.log" | tail -n 1 || true)
  if [ "$status" -eq 0 ] && [ -n "$summary" ]; then
    echo "$label: PASSED (${summary#*"$name"  })"
    exit 0
  fi
  case $status in
    124) reason="the VM timed out after ${timeout}s" ;;
    0) reason="the runner printed no summary" ;;
    *) reason="exit status $status${summary:+; ${summary#*"$name"  }}" ;;
  esac
  echo "FAILED: $label: $reason" >&2
  exit 1
}
