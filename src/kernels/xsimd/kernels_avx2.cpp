// The xsimd kernels for AVX2 with FMA3, compiled with -mavx2 -mfma (xsimd.cmake). This file only
// instantiates the templates of *_xsimd.hpp for its arch.
#include "table_xsimd.hpp"

#if !XSIMD_WITH_FMA3_AVX2
#error "kernels_avx2.cpp needs its arch flags (-mavx2 -mfma): see xsimd.cmake"
#endif

namespace tinykm::kernels {

namespace {
const char* name() { return "xsimd:avx2"; }
}  // namespace

const kernel_table xsimd_avx2_table = xs::make_table<xsimd::fma3<xsimd::avx2>>(name);

}  // namespace tinykm::kernels
