// This machine's single-thread FP32 FMA peak on its vector units, measured in the benchmark
// binary (see peak_simd.cpp).
#pragma once

namespace tinykm_bench {

// Registers peak_avx2_fma and peak_avx512_fma (x86-64); their GFLOP counter is the peak.
void register_peak_simd();

// The best vector unit's peak in GFLOP/s from a short measurement at start-up (0 where unknown),
// used for the benchmarks' of_peak counter.
double quick_vector_peak_gflops();

}  // namespace tinykm_bench
