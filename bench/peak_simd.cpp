// Single-thread FP32 FMA peak of this machine's vector units (AVX2 and AVX-512 on x86-64), the
// denominator of every "fraction of peak" tinykm quotes. Measured in the same binary and run as
// the Lloyd benchmarks, so the fraction compares like with like.
//
// Independent chains x <- x * x + 0.25 (values stay in [0, 0.5): no overflow, no denormals).
// A core with P FMA pipes of latency L needs P x L chains in flight: 2 x 4 = 8 on current x86
// cores; we run 12 (AVX2: 16 ymm registers hold 12 chains + the constant without spills) and 24
// (AVX-512: 32 zmm registers).
#include "peak_simd.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define TINYKM_BENCH_X86 1
#endif

namespace tinykm_bench {

namespace {

constexpr std::uint64_t steps = std::uint64_t{1} << 14;

#if defined(TINYKM_BENCH_X86)

// The two bodies are spelled out: lambdas and templates would not inherit the target attribute.
__attribute__((target("avx2,fma"))) float avx2_chains(std::uint64_t count, float start) {
  constexpr int chains = 12;
  __m256 a[chains];
  for (int j = 0; j < chains; ++j) a[j] = _mm256_set1_ps(start + 0.01f * static_cast<float>(j));
  const __m256 c = _mm256_set1_ps(0.25f);
  for (std::uint64_t i = 0; i < count; ++i) {
#pragma GCC unroll 32  // fully unrolled, so the chains live in registers, not in a[] in memory
    for (int j = 0; j < chains; ++j) a[j] = _mm256_fmadd_ps(a[j], a[j], c);
  }
  __m256 sum = a[0];
  for (int j = 1; j < chains; ++j) sum = _mm256_add_ps(sum, a[j]);
  return _mm256_cvtss_f32(sum);
}

__attribute__((target("avx512f"))) float avx512_chains(std::uint64_t count, float start) {
  constexpr int chains = 24;
  __m512 a[chains];
  for (int j = 0; j < chains; ++j) a[j] = _mm512_set1_ps(start + 0.01f * static_cast<float>(j));
  const __m512 c = _mm512_set1_ps(0.25f);
  for (std::uint64_t i = 0; i < count; ++i) {
#pragma GCC unroll 32
    for (int j = 0; j < chains; ++j) a[j] = _mm512_fmadd_ps(a[j], a[j], c);
  }
  __m512 sum = a[0];
  for (int j = 1; j < chains; ++j) sum = _mm512_add_ps(sum, a[j]);
  return _mm512_cvtss_f32(sum);
}

struct vector_unit {
  const char* name;
  const char* cpu_feature;
  float (*chains)(std::uint64_t, float);
  double flops_per_step;  // chains x lanes x 2
};

const vector_unit units[] = {
    {"peak_avx2_fma", "avx2", avx2_chains, 12.0 * 8.0 * 2.0},
    {"peak_avx512_fma", "avx512f", avx512_chains, 24.0 * 16.0 * 2.0},
};

bool cpu_supports(const char* feature) {
  // __builtin_cpu_supports needs a literal.
  const char* avx2 = "avx2";
  return feature == avx2 ? __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                         : __builtin_cpu_supports("avx512f");
}

double measure(const vector_unit& u, std::uint64_t rounds) {
  float start = 0.125f;
  benchmark::DoNotOptimize(start);
  float out = u.chains(rounds, start);
  benchmark::DoNotOptimize(out);
  return static_cast<double>(rounds) * u.flops_per_step;
}

void bm_peak(benchmark::State& state, const vector_unit* u) {
  if (!cpu_supports(u->cpu_feature)) {
    state.SkipWithError("not supported by this CPU");
    return;
  }
  double flops = 0.0;
  for (auto _ : state) flops += measure(*u, steps);
  state.counters["GFLOP"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsRate);
}

#endif

}  // namespace

double quick_vector_peak_gflops() {
#if defined(TINYKM_BENCH_X86)
  // The best of every unit (a wider unit is not always faster: some cores split 512-bit
  // operations in two) and of 5 short runs each (a noisy neighbour only lowers a run).
  double best = 0.0;
  for (const vector_unit& u : units) {
    if (!cpu_supports(u.cpu_feature)) continue;
    for (int rep = 0; rep < 5; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      const double flops = measure(u, std::uint64_t{1} << 15);
      const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
      const double gflops = flops * 1e-9 / dt.count();
      best = gflops > best ? gflops : best;
    }
  }
  return best;
#else
  return 0.0;
#endif
}

void register_peak_simd() {
#if defined(TINYKM_BENCH_X86)
  for (const vector_unit& u : units)
    benchmark::RegisterBenchmark(u.name, bm_peak, &u)->Unit(benchmark::kMicrosecond);
#endif
}

}  // namespace tinykm_bench
