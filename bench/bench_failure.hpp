// A benchmark whose tinykm call fails: Google Benchmark's SkipWithError alone reports the error
// and still exits 0, so a smoke test would pass on a broken fit. fail() also records it, and
// main returns 1 (bench_smoke goes red). A CPU without a feature is a skip, not a failure.
#pragma once

#include <benchmark/benchmark.h>

#include <atomic>

namespace tinykm_bench {

inline std::atomic<bool> any_failed{false};

inline void fail(benchmark::State& state, const char* why) {
  any_failed = true;
  state.SkipWithError(why);
}

}  // namespace tinykm_bench
