#!/usr/bin/env bash
# The demo: clusters a generated 3-D accelerometer data set on the default settings and prints
# the centroids, inertia, iterations and time. Extra arguments go to the demo ([n] [k] [seed]).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DTINYKM_BUILD_TESTS=OFF -DTINYKM_BUILD_BENCH=OFF -DTINYKM_BUILD_EXAMPLES=ON >/dev/null
cmake --build build/demo --target tinykm_demo >/dev/null
./build/demo/examples/tinykm_demo "$@"
