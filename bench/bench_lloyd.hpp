// Benchmarks of the Lloyd loop on the reference shapes.
#pragma once

namespace tinykm_bench {

// Registers lloyd_iteration/<shape> and fit/<shape> for every reference shape.
void register_lloyd_benchmarks();

}  // namespace tinykm_bench
