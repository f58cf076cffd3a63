// The xsimd kernels for AArch64 Advanced SIMD, compiled with the AArch64 defaults (xsimd.cmake).
// This file only instantiates the templates of *_xsimd.hpp for its arch.
#include "table_xsimd.hpp"

#if !XSIMD_WITH_NEON64
#error "kernels_neon64.cpp needs its arch flags (the AArch64 defaults): see xsimd.cmake"
#endif

namespace tinykm::kernels {

namespace {
const char* name() { return "xsimd:neon64"; }
}  // namespace

const kernel_table xsimd_neon64_table = xs::make_table<xsimd::neon64>(name);

}  // namespace tinykm::kernels
