#!/usr/bin/env bash
# tinykm against FAISS, OpenCV and scikit-learn on the same data: one command.
#   bash bench/compare/run.sh [--quick] [other compare.py options, e.g. --keep-openblas-env]
# 1. installs the missing Debian packages (root, apt-get --no-install-recommends);
# 2. builds tinykm (Release, tests off) and the C++ runners into build/compare;
# 3. runs compare.py with Debian's /usr/bin/python3, which generates the data once, runs every
#    runner single-threaded and prints the tables. See bench/compare/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${TINYKM_COMPARE_BUILD:-$root/build/compare}"

# Peers, plus OpenBLAS: without it Debian's libblas3 is the reference BLAS, which numpy,
# scikit-learn and FAISS would then use (many times slower; not a fair peer). libhwy-dev and
# libxsimd-dev are tinykm's own SIMD backends' dependencies; libbenchmark-dev builds the FMA peak
# measurement (bench/peak_simd.cpp) into the tinykm runner.
packages=(cmake ninja-build g++ libfaiss-dev libopencv-dev python3-sklearn libopenblas0-pthread
          libhwy-dev libxsimd-dev libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "run as root, or install these packages first" >&2
    exit 1
  fi
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[ -f "$build/CMakeCache.txt" ] && generator=()  # keep the generator it was configured with
mkdir -p "$build"
echo "building tinykm + runners in $build (log: $build/build.log)"
if ! { cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
         -DTINYKM_BUILD_TESTS=OFF ${TINYKM_SOURCE_DIR:+-DTINYKM_SOURCE_DIR="$TINYKM_SOURCE_DIR"} &&
       cmake --build "$build" -j "$(nproc)"; } >"$build/build.log" 2>&1; then
  tail -40 "$build/build.log" >&2
  echo "build failed (full log: $build/build.log)" >&2
  exit 1
fi

exec /usr/bin/python3 "$here/compare.py" --build "$build" "$@"
