// The SIMD backends' entry points, as dispatch.cpp sees them. TINYKM_HAVE_HWY and
// TINYKM_HAVE_XSIMD are set by CMake (0 or 1) for the backends compiled in (kernels.hpp).
#pragma once

#include <cstddef>

#include "kernels.hpp"

namespace tinykm::kernels {

#if TINYKM_HAVE_HWY
// Highway: one table whose functions dispatch to the best target at run time (src/kernels/hwy/).
extern const kernel_table hwy_table;
#endif

// At most this many xsimd architectures are compiled into one build.
constexpr std::size_t max_xsimd_tables = 4;

#if TINYKM_HAVE_XSIMD
// xsimd: one table per architecture compiled in that this CPU supports, best first
// (src/kernels/xsimd/).
const kernel_table* const* xsimd_tables(std::size_t* count) noexcept;
#endif

}  // namespace tinykm::kernels
