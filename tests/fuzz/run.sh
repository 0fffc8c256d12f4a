#!/usr/bin/env bash
# Fuzzes the pack reader (tests/fuzz/fuzz_pack.c) and the screens (tests/fuzz/fuzz_screens.c)
# with libFuzzer for a bounded time, as CI does: SECONDS in all, half each.
# Usage: tests/fuzz/run.sh SECONDS
# Builds build/fuzz with clang and -DKIOSK_FUZZ=ON, then runs each target over a working copy of
# its corpus (tests/fuzz/corpus for fuzz_pack, tests/fuzz/corpus-screens for fuzz_screens; copied
# to build/fuzz/corpus and build/fuzz/corpus-screens, kept between local runs) with
# tests/fuzz/pack.dict. When one finds a crash, leak, timeout or out-of-memory, the input is copied
# into that target's corpus under libFuzzer's name for it (crash-<sha1>, ...), where the
# fuzz.pack-corpus or fuzz.screens-corpus test replays it in every build from then on, and the
# script exits 1. Installs nothing: scripts/bootstrap.sh does.
set -euo pipefail

usage() {
  echo "usage: $0 SECONDS   (how long to fuzz, a whole number above 0)" >&2
  exit 2
}
[ $# -eq 1 ] || usage
seconds=$1
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  usage
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/fuzz"

fail() {
  echo "fuzz: $*" >&2
  exit 1
}

# libFuzzer comes with clang and its runtime, which Debian packages apart.
command -v clang >/dev/null ||
  fail "clang is not installed; scripts/bootstrap.sh installs it (Debian: clang libclang-rt-14-dev)"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\n%s\n' \
  'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n; }' \
  >"$probe/probe.c"
clang -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>"$probe/err" ||
  fail "clang cannot link libFuzzer (-fsanitize=fuzzer): $(head -n 1 "$probe/err")
  install Debian's libclang-rt-14-dev (scripts/bootstrap.sh does)"

# Stack traces name functions and lines only when the sanitizers find llvm-symbolizer.
symbolizer=$(clang -print-prog-name=llvm-symbolizer)
if [ -x "$symbolizer" ]; then
  export ASAN_SYMBOLIZER_PATH="$symbolizer"
elif ! command -v llvm-symbolizer >/dev/null; then
  echo "fuzz: llvm-symbolizer not found (Debian: llvm-14): stack traces will be addresses only" >&2
fi

echo "fuzz: building fuzz_pack and fuzz_screens in $build"
mkdir -p "$build"
# A cache made from another checkout (a moved or copied tree) would stop cmake: start afresh.
if [ -f "$build/CMakeCache.txt" ] &&
  ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$build/CMakeCache.txt"; then
  rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
fi
generator=()
[ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_FUZZ=ON >"$build/configure.log" 2>&1 || {
  cat "$build/configure.log" >&2
  fail "configuring $build failed"
}
cmake --build "$build" --target fuzz_pack fuzz_screens ||
  fail "building the fuzz targets failed (does the top-level CMakeLists.txt add tests/fuzz and KIOSK_FUZZ?)"

# Runs one target for `secs` seconds over its corpus; saves what it finds into the source corpus.
# Sets `found` to the inputs saved.
fuzz_one() {
  local target=$1 seeds=$2 secs=$3
  local corpus="$build/$seeds" artifacts="$build/artifacts-$target" log="$build/$target.log"
  mkdir -p "$corpus" "$artifacts" "$build/tmp"
  rm -f "$artifacts"/* "$build/tmp"/*
  for f in "$here/$seeds"/*; do
    [ -e "$corpus/$(basename "$f")" ] || cp "$f" "$corpus/"
  done
  echo "fuzz: fuzzing $target for ${secs}s; the whole log is $log"
  local status=0
  # The harness's temporary pack files go in the build tree, not /tmp, when a crash strands one.
  TMPDIR="$build/tmp" UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$target" -max_total_time="$secs" -dict="$here/pack.dict" \
    -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" >"$log" 2>&1 || status=$?

  grep -E '^(Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added))' \
    "$log" || true

  found=()
  for f in "$artifacts"/*; do
    [ -f "$f" ] || continue
    case $(basename "$f") in
    slow-unit-*) # slower than 10 s but under the timeout: worth a look, not a failure
      echo "fuzz: a slow input (over 10 s) is in $f" >&2
      continue
      ;;
    esac
    cp "$f" "$here/$seeds/"
    found+=("tests/fuzz/$seeds/$(basename "$f")")
  done
  if [ ${#found[@]} -gt 0 ]; then
    echo >&2
    # The sanitizer's or libFuzzer's report: from its first line to the end of the log.
    sed -n '/^==[0-9]*==\|^ERROR: libFuzzer\|runtime error:\|^fuzz_[a-z]*: /,$p' "$log" >&2
    echo >&2
    for f in "${found[@]}"; do
      echo "fuzz: FOUND A BUG in $target: the input is saved as $f" >&2
    done
    echo "fuzz: reproduce it with $build/tests/fuzz/$target $root/${found[0]}" >&2
    echo "fuzz: commit the input with the fix; the ${target#fuzz_}-corpus test replays it in every build" >&2
    return 1
  fi
  if [ "$status" -ne 0 ]; then
    tail -n 30 "$log" >&2
    fail "$target exited with status $status without saving an input; see $log"
  fi
}

# The time is shared: the pack reader first, then the screens with the rest.
first=$(((seconds + 1) / 2))
rest=$((seconds - first))
bugs=0
fuzz_one fuzz_pack corpus "$first" || bugs=1
if [ "$rest" -gt 0 ]; then
  fuzz_one fuzz_screens corpus-screens "$rest" || bugs=1
fi
[ "$bugs" -eq 0 ] || exit 1
echo "fuzz: no crash in ${seconds}s"
