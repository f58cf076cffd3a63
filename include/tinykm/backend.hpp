// Which kernel implementation runs. Every backend implements the same contract
// (src/kernels/contract/kernels.hpp) and gives the same labels as the scalar reference.
#pragma once

#include <cstdint>

#include "tinykm/export.h"
#include "tinykm/status.hpp"

namespace tinykm {

enum class backend : std::int32_t {
  automatic = 0,  // the fastest backend compiled in that this CPU supports (the default)
  scalar = 1,     // plain loops: the reference, and the path on cores without SIMD
  highway = 2,    // Highway, best target of this CPU chosen at run time (e.g. "hwy:AVX3")
  xsimd = 3,      // xsimd, best architecture compiled in that this CPU supports
};

// Name of the kernels in use, e.g. "scalar", "hwy:AVX3", "xsimd:avx2". Never null.
TINYKM_API
const char* backend_name() noexcept;

// Chooses the backend for every later call (for tests and benchmarks). Returns
// status::not_available when it is not compiled in or this CPU cannot run it, and
// invalid_argument for a value outside the enum; the choice is then unchanged. Thread-safe
// (an atomic store): a call already running gives what it gives wholly on the old or wholly
// on the new backend, but for a predict with a parallel_for, whose chunks may mix them
// (README, "Threads and thread safety").
TINYKM_API
status force_backend(backend which) noexcept;

}  // namespace tinykm
