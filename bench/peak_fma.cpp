// Scalar FP32 FMA peak: 16 independent dependency chains of one fused multiply-add each. A core
// with P FMA pipes of latency L cycles needs P x L chains in flight to keep every pipe busy
// (2 x 4 = 8 on current x86 cores); 16 leaves slack for cores with more pipes or longer latency.
//
// Each chain iterates x <- x * x + 0.25 from a start in [0, 0.5): the values rise towards 0.5 and
// never pass it, so no chain overflows or goes denormal, and x * x needs no second constant
// register (16 accumulators fill x86-64's 16 xmm registers; 0.25 comes from memory, a load
// folded into the FMA).
#include "peak_fma.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TINYKM_BENCH_X86_FMA 1
#endif

namespace tinykm_bench {

namespace {

// Chain steps per benchmark iteration: 16 x 2 x 2^16 = 2.1 MFLOP, ~0.15 ms at 14 GFLOP/s.
constexpr std::uint64_t steps = std::uint64_t{1} << 16;
constexpr double flops_per_step = 16.0 * 2.0;

#if defined(TINYKM_BENCH_X86_FMA)

// One chain step, a <- a * a + c, as one vfmadd213ss with c read from memory. Written as asm so
// that the compiler neither needs -mfma (the x86-64 baseline has no FMA; the CPU is checked at
// run time) nor can merge chains into vectors or spill an accumulator to free a register for c
// (gcc 12 does both with intrinsics: two of the 16 chains went through the stack).
inline __attribute__((always_inline)) void square_add(float& a, const float& c) {
  asm("vfmadd213ss %1, %0, %0" : "+x"(a) : "m"(c));
}

float fma_chains(std::uint64_t count, float start) {
  const float c = 0.25f;
  float a[16];
  for (int j = 0; j < 16; ++j) a[j] = start + 0.015625f * static_cast<float>(j);
  float a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
  float a8 = a[8], a9 = a[9], a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14],
        a15 = a[15];
  for (std::uint64_t i = 0; i < count; ++i) {
    square_add(a0, c);
    square_add(a1, c);
    square_add(a2, c);
    square_add(a3, c);
    square_add(a4, c);
    square_add(a5, c);
    square_add(a6, c);
    square_add(a7, c);
    square_add(a8, c);
    square_add(a9, c);
    square_add(a10, c);
    square_add(a11, c);
    square_add(a12, c);
    square_add(a13, c);
    square_add(a14, c);
    square_add(a15, c);
  }
  return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) +
         ((a12 + a13) + (a14 + a15));
}

bool cpu_has_fma() { return __builtin_cpu_supports("fma") != 0; }

#else

// Other targets: std::fma where the compiler says it is one instruction (FP_FAST_FMAF, e.g.
// aarch64), else a multiply and an add. Approximate: nothing here stops a vectoriser from merging
// the chains, so check the generated code before quoting this figure.
float fma_chains(std::uint64_t count, float start) {
  float a[16];
  for (int j = 0; j < 16; ++j) a[j] = start + 0.015625f * static_cast<float>(j);
  for (std::uint64_t i = 0; i < count; ++i)
    for (int j = 0; j < 16; ++j) {
#if defined(FP_FAST_FMAF)
      a[j] = std::fma(a[j], a[j], 0.25f);
#else
      a[j] = a[j] * a[j] + 0.25f;
#endif
    }
  float s = 0.0f;
  for (int j = 0; j < 16; ++j) s += a[j];
  return s;
}

bool cpu_has_fma() { return true; }

#endif

void bm_peak_scalar_fma(benchmark::State& state) {
  if (!cpu_has_fma()) {
    state.SkipWithError("this CPU has no FMA instruction");
    return;
  }
  float start = 0.125f;
  for (auto _ : state) {
    benchmark::DoNotOptimize(start);  // opaque start: the loop cannot be folded at compile time
    float out = fma_chains(steps, start);
    benchmark::DoNotOptimize(out);
  }
  const double flops = static_cast<double>(state.iterations()) * static_cast<double>(steps) *
                       flops_per_step;
  state.counters["GFLOP"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsRate);
}

}  // namespace

void register_peak_scalar_fma() {
  benchmark::RegisterBenchmark("peak_scalar_fma", bm_peak_scalar_fma)
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace tinykm_bench
