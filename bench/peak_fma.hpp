// This machine's single-thread scalar FP32 FMA peak, measured in the benchmark binary so that
// fractions of peak are computed from one run on one machine.
#pragma once

namespace tinykm_bench {

// Registers `peak_scalar_fma`; its GFLOP counter is the peak in GFLOP/s.
void register_peak_scalar_fma();

}  // namespace tinykm_bench
