// tinykm_bench: Google Benchmark main for tinykm. Run with --help for Google Benchmark's flags;
// --benchmark_filter=<regex> picks benchmarks (e.g. "digits", "lloyd_iteration", "peak").
#include <benchmark/benchmark.h>

#include <string>

#include "bench_failure.hpp"
#include "bench_init.hpp"
#include "bench_lloyd.hpp"
#include "bench_stream.hpp"
#include "peak_fma.hpp"
#include "peak_simd.hpp"
#include "tinykm/backend.hpp"

int main(int argc, char** argv) {
  benchmark::AddCustomContext("tinykm_backend", tinykm::backend_name());
  const double peak = tinykm_bench::quick_vector_peak_gflops();
  benchmark::AddCustomContext("vector_fma_peak_gflops", std::to_string(peak));
  tinykm_bench::register_peak_scalar_fma();
  tinykm_bench::register_peak_simd();
  tinykm_bench::register_lloyd_benchmarks(peak);
  tinykm_bench::register_init_benchmarks();
  tinykm_bench::register_stream_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // No benchmark matched, or a tinykm call failed in one: exit 1 (bench_smoke relies on it).
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return ran != 0 && !tinykm_bench::any_failed ? 0 : 1;
}
