// The lanes kernels for SSE4.1 (kernels_sse4_1.cpp's arch), built with its flags
// plus -ffp-contract=off (xsimd.cmake). This file only instantiates lanes_xsimd.hpp.
#include "lanes_xsimd.hpp"

#if !XSIMD_WITH_SSE4_1
#error "lanes_sse4_1.cpp needs its arch flags (-msse4.1): see xsimd.cmake"
#endif

template struct tinykm::kernels::xs::lanes_entry<xsimd::sse4_1>;
