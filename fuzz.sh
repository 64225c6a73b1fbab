#!/usr/bin/env bash
# Runs one fuzz target of tests/OAuth1.Fuzz under afl++ for N minutes: ./fuzz.sh TARGET MINUTES
#
# Builds the harness in Release, copies it to artifacts/fuzz/TARGET/bin, instruments the library assemblies that the
# target exercises (never the harness) with SharpFuzz's `sharpfuzz` tool (a local tool: .config/dotnet-tools.json),
# runs afl-fuzz on tests/OAuth1.Fuzz/corpus/TARGET, prints afl's numbers, and copies every crash input into
# tests/OAuth1.Fuzz/crashes/TARGET/, where the normal test run replays it (tests/OAuth1.Fuzz.Tests).
# Run one target at a time: afl-fuzz keeps a core busy. FUZZ_DOTNET_LOCK=FILE runs each dotnet command under
# `flock FILE`, for a machine where dotnet commands are serialised.
set -euo pipefail
cd "$(dirname "$0")"

targets="authorization-header form-urlencoded token-response callback-url request-verifier callback-handler path-template"
if [ $# -ne 2 ] || ! [[ " $targets " == *" $1 "* ]] || ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
  echo "Usage: ./fuzz.sh TARGET MINUTES, TARGET one of: $targets" >&2
  exit 2
fi
target=$1
minutes=$2

# The library assemblies a target exercises: only they are instrumented, so afl++ sees their branches.
case "$target" in
  callback-handler) libraries="OAuth1.Core.dll OAuth1.AspNetCore.dll"; timeout_ms=5000 ;;
  path-template) libraries="OAuth1.Generator.dll"; timeout_ms=2000 ;;
  *) libraries="OAuth1.Core.dll"; timeout_ms=2000 ;;
esac

dotnet_cmd() {
  if [ -n "${FUZZ_DOTNET_LOCK:-}" ]; then
    flock "$FUZZ_DOTNET_LOCK" dotnet "$@"
  else
    dotnet "$@"
  fi
}

# afl++ from Debian (it brings clang); install it when it is missing, as test.sh does for chromium.
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz.sh: afl-fuzz is missing; installing Debian's afl++ package" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "fuzz.sh: installing afl++ needs root (or sudo): apt-get update && apt-get install -y afl++" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y afl++
fi

work="artifacts/fuzz/$target"
bin="$work/bin"
findings="$work/findings-$(date -u +%Y%m%dT%H%M%SZ)"
corpus="tests/OAuth1.Fuzz/corpus/$target"
crashes="tests/OAuth1.Fuzz/crashes/$target"

dotnet_cmd tool restore >/dev/null
dotnet_cmd build tests/OAuth1.Fuzz/OAuth1.Fuzz.csproj -c Release -o "$work/build" --nologo -v quiet

# A fresh copy each run: sharpfuzz instruments in place and refuses an assembly it already instrumented.
rm -rf "$bin"
cp -r "$work/build" "$bin"
for library in $libraries; do
  dotnet_cmd tool run sharpfuzz "$bin/$library"
done

# SharpFuzz's fork server is `dotnet`, which afl++ cannot check for instrumentation; afl++ as root, on a shared
# machine: no CPU frequency check, no core pinning, no core_pattern check, no interactive screen.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
mkdir -p "$work"
echo "fuzz.sh: fuzzing $target for $minutes minute(s); afl-fuzz's log is $findings.log" >&2
status=0
afl-fuzz -i "$corpus" -o "$findings" -t "$timeout_ms" -V "$((minutes * 60))" -- dotnet "$bin/OAuth1.Fuzz.dll" "$target" >"$findings.log" 2>&1 || status=$?
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "fuzz.sh: afl-fuzz ended ($status) without statistics; the end of its log:" >&2
  tail -n 30 "$findings.log" >&2
  exit 1
fi

stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
echo "target:      $target"
echo "run time:    $(stat run_time) s"
echo "executions:  $(stat execs_done)"
echo "execs/sec:   $(stat execs_per_sec)"
echo "paths:       $(stat corpus_count) (corpus count; $(stat corpus_found) found in this run)"
echo "edges:       $(stat edges_found)"
echo "stability:   $(stat stability)"
echo "crashes:     $(stat saved_crashes)"
echo "hangs:       $(stat saved_hangs) (inputs in $findings/default/hangs)"

# Each crash input is kept under the hash of its content, so a crash found again is not copied twice.
found=0
for input in "$findings"/default/crashes/id:*; do
  [ -e "$input" ] || continue
  mkdir -p "$crashes"
  name="crash-$(sha1sum "$input" | cut -c1-16)"
  if [ ! -e "$crashes/$name" ]; then
    cp "$input" "$crashes/$name"
    found=$((found + 1))
  fi
done
if [ "$found" -gt 0 ]; then
  echo "fuzz.sh: $found new crash input(s) copied to $crashes; replay one with: dotnet $work/build/OAuth1.Fuzz.dll $target < FILE" >&2
fi
exit "$status"
