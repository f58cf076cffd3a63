// The per-point steps of the blocked kernel (assign_blocked-inl.h) for 16 points at once, with
// the points in lanes, on AVX-512 targets when the centres fill one vector (k <= 16, digits):
// the argmin and runner-up over the centres as vertical compares after a 16 x 16 transpose of
// the norm-form distances, the near-tie test for 16 points in one compare, and the exact min_dist
// of each point in Highway's canonical order (RowSquaredDistance: features in lanes, then
// _mm512_reduce_add_ps's tree), reduced for 16 points by one shuffle tree of the same shape.
// Replaces three horizontal reductions per point (nearest) plus one each for |x|^2 and min_dist.
// Labels stay the exact form's: a label the near-tie test passes is the exact form's whatever
// order the norm form and |x|^2 were summed in (near_tie_margin.hpp); the others are recomputed.
#if defined(TINYKM_HWY_GROUP16_AVX3_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_GROUP16_AVX3_INL_H_
#undef TINYKM_HWY_GROUP16_AVX3_INL_H_
#else
#define TINYKM_HWY_GROUP16_AVX3_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "assign_exact-inl.h"
#include "near_tie_margin.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
// r[q] (row q) becomes column q: r[c][q] = old r[q][c]. 64 shuffles.
HWY_INLINE void Transpose16(__m512* r) {
  __m512 t[16];
  for (int i = 0; i < 8; ++i) {
    t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
  __m512 u[16];  // u[4i + j], 128-bit block b: column 4b + j of rows 4i .. 4i + 3
  for (int i = 0; i < 4; ++i) {
    const __m512d a = _mm512_castps_pd(t[4 * i]), b = _mm512_castps_pd(t[4 * i + 2]);
    const __m512d c = _mm512_castps_pd(t[4 * i + 1]), e = _mm512_castps_pd(t[4 * i + 3]);
    u[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, b));
    u[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, b));
    u[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(c, e));
    u[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(c, e));
  }
  for (int j = 0; j < 4; ++j) {
    const __m512 v = _mm512_shuffle_f32x4(u[j], u[4 + j], 0x44);
    const __m512 w = _mm512_shuffle_f32x4(u[8 + j], u[12 + j], 0x44);
    const __m512 v2 = _mm512_shuffle_f32x4(u[j], u[4 + j], 0xEE);
    const __m512 w2 = _mm512_shuffle_f32x4(u[8 + j], u[12 + j], 0xEE);
    r[j] = _mm512_shuffle_f32x4(v, w, 0x88);
    r[4 + j] = _mm512_shuffle_f32x4(v, w, 0xDD);
    r[8 + j] = _mm512_shuffle_f32x4(v2, w2, 0x88);
    r[12 + j] = _mm512_shuffle_f32x4(v2, w2, 0xDD);
  }
}

// Lane q = SumOfLanes(v[q]) bit for bit: _mm512_reduce_add_ps adds lane l to lane l + 8, then
// l + 4, l + 2, l + 1 (GCC's and LLVM's tree); each stage here does that for 2, 4, 8, 16 rows.
HWY_INLINE __m512 SumOfLanes16(const __m512* v) {
  __m512 a[8];  // a[i]: rows 2i, 2i + 1, 8 partial sums each
  for (int i = 0; i < 8; ++i)
    a[i] = _mm512_add_ps(_mm512_shuffle_f32x4(v[2 * i], v[2 * i + 1], 0x44),
                         _mm512_shuffle_f32x4(v[2 * i], v[2 * i + 1], 0xEE));
  __m512 b[4];  // b[i], block q: row 4i + q, 4 partial sums
  for (int i = 0; i < 4; ++i)
    b[i] = _mm512_add_ps(_mm512_shuffle_f32x4(a[2 * i], a[2 * i + 1], 0x88),
                         _mm512_shuffle_f32x4(a[2 * i], a[2 * i + 1], 0xDD));
  __m512 c[2];  // c[i], block q: rows 8i + q and 8i + 4 + q, 2 partial sums each
  for (int i = 0; i < 2; ++i) {
    const __m512d lo = _mm512_castps_pd(b[2 * i]), hi = _mm512_castps_pd(b[2 * i + 1]);
    c[i] = _mm512_add_ps(_mm512_castpd_ps(_mm512_unpacklo_pd(lo, hi)),
                         _mm512_castpd_ps(_mm512_unpackhi_pd(lo, hi)));
  }
  // Block q: rows q, 4 + q, 8 + q, 12 + q; lane 4q + r holds row q + 4r.
  const __m512 s = _mm512_add_ps(_mm512_shuffle_ps(c[0], c[1], _MM_SHUFFLE(2, 0, 2, 0)),
                                 _mm512_shuffle_ps(c[0], c[1], _MM_SHUFFLE(3, 1, 3, 1)));
  const __m512i rows = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  return _mm512_permutexvar_ps(rows, s);
}

// Labels and min_dist of the 16 points x (rows of d floats, d a multiple of 16) from their
// norm-form distances dist[q * 16 + c] to the k <= 16 centres (padding lanes +inf).
HWY_INLINE void LabelGroup16(const float* HWY_RESTRICT x, std::size_t d,
                             const float* HWY_RESTRICT dist, const float* HWY_RESTRICT centroids,
                             std::size_t k, float max_norm, near_tie_margin tie,
                             std::int32_t* HWY_RESTRICT labels, float* HWY_RESTRICT min_dist) {
  using D = hn::Full512<float>;
  const D df;
  const hn::RebindToSigned<D> di;
  __m512 r[16];
  for (int q = 0; q < 16; ++q) r[q] = _mm512_load_ps(dist + q * 16);
  Transpose16(r);  // r[c]: centre c's distance, lanes = points
  // Centres in increasing order, strict <: ties keep the lowest index (as nearest() does).
  hn::Vec<D> best{r[0]};
  auto second = hn::Set(df, std::numeric_limits<float>::infinity());
  auto index = hn::Zero(di);
  for (std::size_t c = 1; c < k; ++c) {
    const hn::Vec<D> v{r[c]};
    const auto nearer = hn::Lt(v, best);
    second = hn::IfThenElse(nearer, best, hn::Min(second, v));
    best = hn::IfThenElse(nearer, v, best);
    index = hn::IfThenElse(hn::RebindMask(di, nearer), hn::Set(di, static_cast<std::int32_t>(c)),
                           index);
  }
  for (int q = 0; q < 16; ++q) {  // |x|^2, any order: it only sizes the margin
    auto s = hn::Zero(df);
    for (std::size_t j = 0; j < d; j += 16) {
      const auto t = hn::LoadU(df, x + q * d + j);
      s = hn::MulAdd(t, t, s);
    }
    r[q] = s.raw;
  }
  const hn::Vec<D> norms{SumOfLanes16(r)};
  const auto margin = hn::MulAdd(hn::Set(df, tie.per_s), hn::Add(norms, hn::Set(df, max_norm)),
                                 hn::Set(df, tie.floor));
  const auto decided = hn::Gt(hn::Sub(second, best), margin);  // false on NaN: re-checked
  hn::StoreU(index, di, labels);
  const unsigned recheck = ~static_cast<unsigned>(decided.raw) & 0xFFFFu;
  for (int q = 0; q < 16; ++q) {
    if (recheck >> q & 1u) {
      float exact = 0.0f;
      labels[q] = NearestCanonical(x + q * d, d, centroids, k, exact);
    }
  }
  for (int q = 0; q < 16; ++q) {  // RowSquaredDistance's per-lane sums, d a multiple of 16
    const float* a = x + q * d;
    const float* b = centroids + static_cast<std::size_t>(labels[q]) * d;
    auto s0 = hn::Zero(df), s1 = hn::Zero(df);
    std::size_t j = 0;
    for (; j + 32 <= d; j += 32) {
      const auto t0 = hn::Sub(hn::LoadU(df, a + j), hn::LoadU(df, b + j));
      const auto t1 = hn::Sub(hn::LoadU(df, a + j + 16), hn::LoadU(df, b + j + 16));
      s0 = hn::MulAdd(t0, t0, s0);
      s1 = hn::MulAdd(t1, t1, s1);
    }
    if (j < d) {
      const auto t0 = hn::Sub(hn::LoadU(df, a + j), hn::LoadU(df, b + j));
      s0 = hn::MulAdd(t0, t0, s0);
    }
    r[q] = hn::Add(s0, s1).raw;
  }
  _mm512_storeu_ps(min_dist, SumOfLanes16(r));
}
#endif  // AVX-512

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_GROUP16_AVX3_INL_H_
