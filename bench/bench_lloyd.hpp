// Benchmarks of the Lloyd loop on the reference shapes.
#pragma once

namespace tinykm_bench {

// Registers lloyd_iteration/<backend>/<shape> and assign/<backend>/<shape> for every kernel
// table this build can run here, fit/<shape> on the automatic backend and
// fit_algorithm/<lloyd|bounded>/<shape>. peak_gflops (0: unknown) is the machine's vector
// FMA peak; the of_peak counter is GFLOP/s divided by it.
void register_lloyd_benchmarks(double peak_gflops);

}  // namespace tinykm_bench
