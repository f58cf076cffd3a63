#!/usr/bin/env bash
# Builds tinykm for the Arm ports and runs their test suites under QEMU: aarch64 (NEON and SVE)
# and armv7 Linux under qemu-user (the whole Catch2 suite), bare-metal Cortex-M4 under
# qemu-system-arm (the test and example firmwares, and the footprint budgets), and bare-metal
# Cortex-M55 (Helium) under qemu-system-arm. Each configuration is a preset of CMakePresets.json.
# Arguments pick presets (default: all five).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh g++-aarch64-linux-gnu g++-arm-linux-gnueabihf qemu-user qemu-system-arm \
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev python3
# The SVE suite runs at 128-bit vectors: on some hosts qemu emulates 512-bit SVE 8-11x slower
# (Intel Xeon: 173 s against 15 s for test_hwy_targets), too slow for the whole suite in CI's
# time. What depends on the vector length (every golden digest, the blocked kernel's re-check
# margin, hwy's kernels against scalar's) runs again at qemu's default, 512 bits, but for hwy's
# whole fits and its slowest assign check, which the 128-bit run covers.
sve_at_512_bits() {
  local run=(qemu-aarch64 -cpu max -L /usr/aarch64-linux-gnu) tests=build/aarch64-sve/tests
  "${run[@]}" "$tests/test_golden"
  "${run[@]}" "$tests/test_hwy_targets" '[hwy]~"hwy: whole fits*"~"*double brute force*"'
}
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(aarch64 aarch64-sve armv7 cortex-m4 cortex-m55)
for preset in "${presets[@]}"; do
  start=$SECONDS
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
  [ "$preset" != aarch64-sve ] || sve_at_512_bits
  echo "=== port $preset: built and tested in $((SECONDS - start)) s"
done
