#!/usr/bin/env bash
# Builds tinykm with its tests, benchmarks and examples (warnings are errors) and runs the whole
# test suite with ctest. Extra arguments are passed to cmake's configure step, e.g.
#   bash scripts/test.sh -DTINYKM_SANITIZE=ON
# BUILD_DIR chooses the build folder (default build/test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build="${BUILD_DIR:-build/test}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTINYKM_WARNINGS_AS_ERRORS=ON "$@"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
