#!/usr/bin/env bash
# Builds the Python package tinykm and installs it into Debian's python3 (its site directory,
# /usr/local/lib/python3.X/dist-packages): Debian packages only, no Python package index.
#   bash scripts/install-python.sh            (as root, or with sudo for the packages)
# DESTDIR stages the install elsewhere; BUILD_DIR chooses the build folder (default build/python).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build="${BUILD_DIR:-build/python}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTINYKM_BUILD_PYTHON=ON \
  -DTINYKM_BUILD_TESTS=OFF -DTINYKM_BUILD_BENCH=OFF -DTINYKM_BUILD_EXAMPLES=OFF -DTINYKM_BUILD_CLI=OFF \
  -DTINYKM_WITH_MPI=OFF -DTINYKM_INSTALL=OFF
cmake --build "$build" --target tinykm_python
cmake --install "$build" --component python
