#!/usr/bin/env bash
# The concurrency tests under ThreadSanitizer: concurrent fits, predicts, stream updates and
# merges beside backend switches (test_concurrency), and fits and predicts on a thread pool
# (test_threads). Any report fails the run. libhwy is Debian's, not instrumented: its own
# target choice is atomic and outside what TSan sees. Extra arguments go to cmake's configure.
# BUILD_DIR chooses the build folder (default build/tsan).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build="${BUILD_DIR:-build/tsan}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTINYKM_WARNINGS_AS_ERRORS=ON \
  -DTINYKM_SANITIZE_THREAD=ON -DTINYKM_BUILD_BENCH=OFF -DTINYKM_BUILD_CLI=OFF \
  -DTINYKM_BUILD_EXAMPLES=OFF -DTINYKM_WITH_MPI=OFF "$@"
cmake --build "$build" --target test_concurrency test_threads
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
for t in test_concurrency test_threads; do
  echo "tsan: $t"
  "$build/tests/$t"
done
