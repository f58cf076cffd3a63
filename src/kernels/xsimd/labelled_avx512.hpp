// The blocked kernel's min_dist on AVX-512 without gathers (they cost a sixth of the assign
// pass at d = 128): 16 points' differences x - c (c the centre of each point's label) are
// loaded by rows, transposed in registers 16 features at a time so that lanes = points, then
// summed in the canonical exact form (common_xsimd.hpp: gathered_distance): the first feature
// squared, then fused multiply-adds in feature order. x - c is the same subtraction either way,
// so the bits equal the gathered form's.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common_xsimd.hpp"

#if XSIMD_WITH_AVX512F
namespace tinykm::kernels::xs {

// One stage of a 16 x 16 transpose: rows i and i + H (bit H of i clear) swap their
// off-diagonal H-blocks, (i, l) <-> (i + H, l - H) for bit H of l set. The four stages
// H = 8, 4, 2, 1 move (i, l) to (l, i).
template <int H>
inline void transpose_stage(__m512 (&r)[16]) noexcept {
  alignas(64) std::int32_t lo[16];
  alignas(64) std::int32_t hi[16];
  for (int l = 0; l < 16; ++l) {
    lo[l] = (l & H) != 0 ? 16 + l - H : l;
    hi[l] = (l & H) != 0 ? 16 + l : l + H;
  }
  const __m512i lo_idx = _mm512_load_si512(lo);
  const __m512i hi_idx = _mm512_load_si512(hi);
  for (int i = 0; i < 16; ++i) {
    if ((i & H) != 0) continue;
    const __m512 a = r[i];
    r[i] = _mm512_permutex2var_ps(a, lo_idx, r[i + H]);
    r[i + H] = _mm512_permutex2var_ps(a, hi_idx, r[i + H]);
  }
}

// Canonical exact distances of 16 points (rows xr) to 16 centres (rows cr), one per lane.
inline __m512 row_pair_distances(const float* const* xr, const float* const* cr,
                                 std::size_t d) noexcept {
  __m512 s = _mm512_setzero_ps();
  for (std::size_t j0 = 0; j0 < d; j0 += 16) {
    const std::size_t r = d - j0 < 16 ? d - j0 : 16;
    const __mmask16 mask = static_cast<__mmask16>(r == 16 ? 0xFFFFu : (1u << r) - 1u);
    __m512 t[16];
    for (std::size_t p = 0; p < 16; ++p)
      t[p] = _mm512_sub_ps(_mm512_maskz_loadu_ps(mask, xr[p] + j0),
                           _mm512_maskz_loadu_ps(mask, cr[p] + j0));
    transpose_stage<8>(t);
    transpose_stage<4>(t);
    transpose_stage<2>(t);
    transpose_stage<1>(t);
    for (std::size_t j = 0; j < r; ++j)
      s = j0 + j == 0 ? _mm512_mul_ps(t[j], t[j]) : _mm512_fmadd_ps(t[j], t[j], s);
  }
  return s;
}

// labelled_distances (assign_xsimd.hpp) for AVX-512: 16 points at a time; a short group
// repeats its last point and drops those lanes.
inline void labelled_distances(xsimd::avx512bw, const float* x, const std::int32_t* labels,
                               std::size_t m, std::size_t d, const float* centroids,
                               float* out) noexcept {
  alignas(64) float dist[16];
  for (std::size_t q = 0; q < m; q += 16) {
    const std::size_t mq = m - q < 16 ? m - q : 16;
    const float* xr[16];
    const float* cr[16];
    for (std::size_t l = 0; l < 16; ++l) {
      const std::size_t p = q + (l < mq ? l : mq - 1);
      xr[l] = x + p * d;
      cr[l] = centroids + static_cast<std::size_t>(labels[p]) * d;
    }
    _mm512_store_ps(dist, row_pair_distances(xr, cr, d));
    for (std::size_t l = 0; l < mq; ++l) out[q + l] = dist[l];
  }
}

}  // namespace tinykm::kernels::xs
#endif  // XSIMD_WITH_AVX512F
