#!/usr/bin/env bash
# Installs the Debian packages tinykm's build needs, plus any named as arguments, when some are
# missing. Run by the other scripts; safe to run again (it does nothing when everything is there).
set -euo pipefail

# libstb-dev: images for `tinykm quantize` and the colour example; zlib1g-dev and python3-sklearn
# (its digits.csv.gz and china.jpg): the digits and colour examples; Open MPI: tinykm::mpi;
# pybind11, the Python headers, numpy and pytest: the Python package (python/).
packages=(cmake ninja-build g++ catch2 libbenchmark-dev libhwy-dev libxsimd-dev libstb-dev zlib1g-dev
  python3-sklearn libopenmpi-dev openmpi-bin pybind11-dev python3-dev python3-numpy python3-pytest "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tinykm: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi
