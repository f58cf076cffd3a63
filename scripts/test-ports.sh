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
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(aarch64 aarch64-sve armv7 cortex-m4 cortex-m55)
for preset in "${presets[@]}"; do
  start=$SECONDS
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
  echo "=== port $preset: built and tested in $((SECONDS - start)) s"
done
