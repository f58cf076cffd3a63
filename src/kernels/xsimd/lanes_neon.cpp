// The lanes kernels for ARMv7 NEON (kernels_neon.cpp's arch), built with its flags
// plus -ffp-contract=off (xsimd.cmake). This file only instantiates lanes_xsimd.hpp.
#include "lanes_xsimd.hpp"

#if !XSIMD_WITH_NEON
#error "lanes_neon.cpp needs its arch flags (-mfpu=neon): see xsimd.cmake"
#endif

template struct tinykm::kernels::xs::lanes_entry<xsimd::neon>;
