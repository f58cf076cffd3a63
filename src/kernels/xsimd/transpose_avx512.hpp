// AVX-512 tiles with lanes = points built by 16 x 16 transposes in registers instead of lane
// by lane (scalar copies or gathers cost as much as the arithmetic they feed at d = 64, k = 10
// and a sixth of the blocked pass at d = 128). Overloads, for xsimd::avx512bw, of:
//   point_tile         (assign_xsimd.hpp) the transposed tile of the points-in-lanes kernels;
//   labelled_distances (assign_xsimd.hpp) the blocked kernel's min_dist: 16 points' x - c
//                      (c the centre of each point's label) transposed, then summed in the
//                      canonical exact form (common_xsimd.hpp: gathered_distance), the first
//                      feature squared, then fused multiply-adds in feature order. x - c is the
//                      same subtraction either way, so the bits equal the gathered form's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

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

inline void transpose16(__m512 (&r)[16]) noexcept {
  transpose_stage<8>(r);
  transpose_stage<4>(r);
  transpose_stage<2>(r);
  transpose_stage<1>(r);
}

// Features j0 .. j0 + 15 of 16 rows (fewer than 16 left: the mask, zeros beyond).
inline __mmask16 row_mask(std::size_t d, std::size_t j0) noexcept {
  const std::size_t r = d - j0 < 16 ? d - j0 : 16;
  return static_cast<__mmask16>(r == 16 ? 0xFFFFu : (1u << r) - 1u);
}

// The first r of 16 transposed vectors to dst[j * 16]. A whole block stores from registers; a
// short one goes through the stack (t indexed by a run-time j would not stay in registers).
inline void store_block(const __m512 (&t)[16], std::size_t r, float* dst) noexcept {
  if (r == 16) {
    for (std::size_t j = 0; j < 16; ++j) _mm512_store_ps(dst + j * 16, t[j]);
    return;
  }
  alignas(64) float block[16 * 16];
  for (std::size_t j = 0; j < 16; ++j) _mm512_store_ps(block + j * 16, t[j]);
  std::memcpy(dst, block, r * 16 * sizeof(float));
}

// s plus the squares of t[0 .. r) in order; s = t[0]^2 first when `first` (feature 0). Through
// xsimd's operators, as gathered_distance: xsimd 8.1's fma on AVX-512 is x * y + z, one vfmadd
// only where the compiler contracts it (GCC does, clang as configured may not).
inline __m512 add_squares(const __m512 (&t)[16], std::size_t r, bool first, __m512 s) noexcept {
  using B = fbatch<xsimd::avx512bw>;
  B acc(s);
  if (r == 16) {
    acc = first ? B(t[0]) * B(t[0]) : xsimd::fma(B(t[0]), B(t[0]), acc);
    for (std::size_t j = 1; j < 16; ++j) acc = xsimd::fma(B(t[j]), B(t[j]), acc);
    return acc;
  }
  alignas(64) float block[16 * 16];
  store_block(t, 16, block);
  for (std::size_t j = 0; j < r; ++j) {
    const B v = B::load_aligned(block + j * 16);
    acc = first && j == 0 ? v * v : xsimd::fma(v, v, acc);
  }
  return acc;
}

// Canonical exact distances of 16 points (rows xr) to 16 centres (rows cr), one per lane.
inline __m512 row_pair_distances(const float* const* xr, const float* const* cr,
                                 std::size_t d) noexcept {
  __m512 s = _mm512_setzero_ps();
  for (std::size_t j0 = 0; j0 < d; j0 += 16) {
    const __mmask16 mask = row_mask(d, j0);
    __m512 t[16];
    for (std::size_t p = 0; p < 16; ++p)
      t[p] = _mm512_sub_ps(_mm512_maskz_loadu_ps(mask, xr[p] + j0),
                           _mm512_maskz_loadu_ps(mask, cr[p] + j0));
    transpose16(t);
    s = add_squares(t, d - j0 < 16 ? d - j0 : 16, j0 == 0, s);
  }
  return s;
}

// point_tile for AVX-512: m <= 16 rows of d (D if fixed) features into tile[j * 16 + l], lanes
// past m repeating the last point. d <= 4 keeps the generic copy (those paths are the fused
// kernel's).
template <std::size_t D>
inline void point_tile(xsimd::avx512bw, const float* rows, std::size_t m, std::size_t d,
                       float* tile) noexcept {
  if constexpr (D != 0 && D <= 4) {
    transpose_tile<xsimd::avx512bw, D>(rows, m, d, tile);
  } else {
    const std::size_t dd = D != 0 ? D : d;
    for (std::size_t j0 = 0; j0 < dd; j0 += 16) {
      const __mmask16 mask = row_mask(dd, j0);
      __m512 t[16];
      for (std::size_t p = 0; p < 16; ++p)
        t[p] = _mm512_maskz_loadu_ps(mask, rows + (p < m ? p : m - 1) * dd + j0);
      transpose16(t);
      store_block(t, dd - j0 < 16 ? dd - j0 : 16, tile + j0 * 16);
    }
  }
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
