// The kernel tables of the xsimd architectures, one per arch .cpp (kernels_<arch>.cpp); only the
// ones xsimd.cmake compiled for this processor exist. xsimd_tables.cpp picks those this CPU runs.
#pragma once

#include "kernels.hpp"

namespace tinykm::kernels {

extern const kernel_table xsimd_avx512bw_table;  // kernels_avx512bw.cpp
extern const kernel_table xsimd_avx2_table;      // kernels_avx2.cpp (AVX2 + FMA3)
extern const kernel_table xsimd_sse4_1_table;    // kernels_sse4_1.cpp
extern const kernel_table xsimd_neon64_table;    // kernels_neon64.cpp (AArch64)
extern const kernel_table xsimd_neon_table;      // kernels_neon.cpp (ARMv7 NEON)

}  // namespace tinykm::kernels
