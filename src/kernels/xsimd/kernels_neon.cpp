// The xsimd kernels for ARMv7 NEON, compiled with -mfpu=neon (xsimd.cmake). This file only
// instantiates the templates of *_xsimd.hpp for its arch.
#include "table_xsimd.hpp"

#if !XSIMD_WITH_NEON
#error "kernels_neon.cpp needs its arch flags (-mfpu=neon): see xsimd.cmake"
#endif

namespace tinykm::kernels {

namespace {
const char* name() { return "xsimd:neon"; }
}  // namespace

const kernel_table xsimd_neon_table = xs::make_table<xsimd::neon>(name);

}  // namespace tinykm::kernels
