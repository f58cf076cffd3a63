// The lanes kernels for AVX2 with FMA3 (kernels_avx2.cpp's arch), built with its flags
// plus -ffp-contract=off (xsimd.cmake). This file only instantiates lanes_xsimd.hpp.
#include "lanes_xsimd.hpp"

#if !XSIMD_WITH_FMA3_AVX2
#error "lanes_avx2.cpp needs its arch flags (-mavx2 -mfma): see xsimd.cmake"
#endif

template struct tinykm::kernels::xs::lanes_entry<xsimd::fma3<xsimd::avx2>>;
