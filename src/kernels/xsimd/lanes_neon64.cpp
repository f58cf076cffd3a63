// The lanes kernels for AArch64 Advanced SIMD (kernels_neon64.cpp's arch), built with its flags
// plus -ffp-contract=off (xsimd.cmake). This file only instantiates lanes_xsimd.hpp.
#include "lanes_xsimd.hpp"

#if !XSIMD_WITH_NEON64
#error "lanes_neon64.cpp needs its arch flags (the AArch64 defaults): see xsimd.cmake"
#endif

template struct tinykm::kernels::xs::lanes_entry<xsimd::neon64>;
