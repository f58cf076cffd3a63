// The lanes kernels for AVX-512 (F, CD, DQ, BW) (kernels_avx512bw.cpp's arch), built with its flags
// plus -ffp-contract=off (xsimd.cmake). This file only instantiates lanes_xsimd.hpp.
#include "lanes_xsimd.hpp"

#if !XSIMD_WITH_AVX512BW
#error "lanes_avx512bw.cpp needs -mavx512f -mavx512cd -mavx512dq -mavx512bw -mfma (xsimd.cmake)"
#endif

template struct tinykm::kernels::xs::lanes_entry<xsimd::avx512bw>;
