// The xsimd kernels for SSE4.1 (no FMA: xsimd::fma is a multiply and an add), compiled with
// -msse4.1 (xsimd.cmake). This file only instantiates the templates of *_xsimd.hpp for its arch.
#include "table_xsimd.hpp"

#if !XSIMD_WITH_SSE4_1
#error "kernels_sse4_1.cpp needs its arch flags (-msse4.1): see xsimd.cmake"
#endif

namespace tinykm::kernels {

namespace {
const char* name() { return "xsimd:sse4.1"; }
}  // namespace

const kernel_table xsimd_sse4_1_table = xs::make_table<xsimd::sse4_1>(name);

}  // namespace tinykm::kernels
