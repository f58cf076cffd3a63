#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan, and runs each for the given
# number of seconds (default 60) from its seed corpus in fuzz/corpus/. Prints the executions of
# each fuzzer; fails on any crash, sanitizer report, failed check or slow input (the input is
# kept as build/fuzz/artifacts/<target>-crash-*, to replay: build/fuzz/fuzz/<target> FILE).
#   bash scripts/fuzz.sh [seconds]
#   bash scripts/fuzz.sh --seeds    # rewrite fuzz/corpus/ from fuzz/make_corpus.cpp
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh clang libclang-rt-14-dev
build="${BUILD_DIR:-build/fuzz}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTINYKM_BUILD_FUZZERS=ON \
  -DTINYKM_WARNINGS_AS_ERRORS=ON -DTINYKM_BUILD_TESTS=OFF -DTINYKM_BUILD_BENCH=OFF \
  -DTINYKM_BUILD_EXAMPLES=OFF -DTINYKM_WITH_MPI=OFF -DTINYKM_INSTALL=OFF >/dev/null
cmake --build "$build" --target tinykm_fuzzers

targets=(fuzz_blob_load fuzz_npy fuzz_csv fuzz_c_api fuzz_backends fuzz_stream_sequence)
if [ "${1:-}" = "--seeds" ]; then
  # found-* are inputs the fuzzers once failed on, kept as regression seeds.
  for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" && find "fuzz/corpus/$t" -type f ! -name 'found-*' -delete
  done
  "$build/fuzz/fuzz_make_corpus" fuzz/corpus
  exit 0
fi
seconds="${1:-60}"
declare -A max_len=([fuzz_blob_load]=4096 [fuzz_npy]=4096 [fuzz_csv]=4096 [fuzz_c_api]=16384
  [fuzz_backends]=32768 [fuzz_stream_sequence]=4096)
mkdir -p "$build/artifacts"
failed=()
for t in "${targets[@]}"; do
  # New inputs go to the first folder (build/), the committed seeds stay as they are.
  work="$build/corpus/$t"
  mkdir -p "$work"
  log="$build/artifacts/$t.log"
  rc=0
  "$build/fuzz/$t" "$work" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -max_len="${max_len[$t]}" -close_fd_mask=3 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t-" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    echo "$t: FAILED (exit $rc) after ${execs:-?} executions; log $log:"
    grep -E -A 30 "ERROR|runtime error|fuzz check failed|differs" "$log" | head -n 60 || tail -n 40 "$log"
  else
    echo "$t: ${execs:-?} executions in ${seconds} s, no findings"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers with findings: ${failed[*]}"
  exit 1
fi
