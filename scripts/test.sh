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
echo "=== all presets passed: ${presets[*]}"
