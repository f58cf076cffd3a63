// Benchmarks of the initialisations alone on the reference shapes.
#pragma once

namespace tinykm_bench {

// Registers init/<method>/<shape>: seeding time, and its cost in assignment passes.
void register_init_benchmarks();

}  // namespace tinykm_bench
