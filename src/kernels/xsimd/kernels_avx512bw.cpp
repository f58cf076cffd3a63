// The xsimd kernels for AVX-512 (F, CD, DQ, BW) with FMA, compiled with -mavx512f -mavx512dq
// -mavx512bw -mavx512cd -mfma (xsimd.cmake). This file only instantiates the templates of
// *_xsimd.hpp for its arch.
#include "table_xsimd.hpp"

#if !XSIMD_WITH_AVX512BW
#error "kernels_avx512bw.cpp needs -mavx512f -mavx512cd -mavx512dq -mavx512bw -mfma (xsimd.cmake)"
#endif

namespace tinykm::kernels {

namespace {
const char* name() { return "xsimd:avx512bw"; }
}  // namespace

const kernel_table xsimd_avx512bw_table = xs::make_table<xsimd::avx512bw>(name);

}  // namespace tinykm::kernels
