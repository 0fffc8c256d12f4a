#!/usr/bin/env bash
# Installs what is missing, then builds and tests every preset: default (Release), asan
# (AddressSanitizer + UndefinedBehaviorSanitizer) and aarch64 (cross-built, tests under
# qemu-user). Usage: scripts/test.sh [PRESET ...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(default asan aarch64)

arm=
for p in "${presets[@]}"; do [ "$p" = aarch64 ] && arm=--arm64; done
scripts/bootstrap.sh $arm

for p in "${presets[@]}"; do
  echo "=== preset $p"
  cmake --preset "$p"
  cmake --build --preset "$p"
  ctest --preset "$p"
done
# With every preset (CI), the pack reader is also fuzzed for a bounded time: a crash found is
# saved into tests/fuzz/corpus/ as a regression case and fails the run.
if [ $# -eq 0 ]; then
  echo "=== fuzzing the pack reader for ${KIOSK_FUZZ_SECONDS:-120} s"
  tests/fuzz/run.sh "${KIOSK_FUZZ_SECONDS:-120}"
fi
echo "=== all presets passed: ${presets[*]}"
