// The blocked shape when the centres fill one vector of `prepared` (k <= 16: digits) on AVX-512
// targets, d a multiple of 16: 16 points at a time with the points in lanes (transposed by
// 128-bit loads and 4 x 4 shuffles), so the norm form costs k FMAs per feature for 16 points
// where the centres-in-lanes tile spends 16 whatever k. The argmin and runner-up are vertical
// compares over the centres, the near-tie test one compare for 16 points, and the exact
// min_dist keeps Highway's canonical order (RowSquaredDistance: features in lanes, then
// _mm512_reduce_add_ps's tree, done for 16 points by one shuffle tree of the same shape).
// Labels stay the exact form's: a label the near-tie test passes is the exact form's whatever
// order the norm form and |x|^2 were summed in (near_tie_margin.hpp); the others are recomputed.
#if defined(TINYKM_HWY_ASSIGN_LANES16_AVX3_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ASSIGN_LANES16_AVX3_INL_H_
#undef TINYKM_HWY_ASSIGN_LANES16_AVX3_INL_H_
#else
#define TINYKM_HWY_ASSIGN_LANES16_AVX3_INL_H_
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
// Features jb .. jb + 3 of the 16 rows x (d floats apart) into xt, lanes = points: 128-bit
// loads put rows m, m + 4, m + 8, m + 12 in the blocks of v[m], then a 4 x 4 transpose in each
// block (8 shuffles, where a 16 x 16 register transpose spends 16 per 4 features: measured
// 0.045 -> 0.043 ms per digits assign pass on Zen 4).
HWY_INLINE void TransposeQuad(const float* HWY_RESTRICT x, std::size_t d, std::size_t jb,
                              float* HWY_RESTRICT xt) {
  __m512 v[4];
  for (std::size_t m = 0; m < 4; ++m) {
    const float* row = x + m * d + jb;
    v[m] = _mm512_castps128_ps512(_mm_loadu_ps(row));
    v[m] = _mm512_insertf32x4(v[m], _mm_loadu_ps(row + 4 * d), 1);
    v[m] = _mm512_insertf32x4(v[m], _mm_loadu_ps(row + 8 * d), 2);
    v[m] = _mm512_insertf32x4(v[m], _mm_loadu_ps(row + 12 * d), 3);
  }
  const __m512d t0 = _mm512_castps_pd(_mm512_unpacklo_ps(v[0], v[1]));
  const __m512d t1 = _mm512_castps_pd(_mm512_unpackhi_ps(v[0], v[1]));
  const __m512d t2 = _mm512_castps_pd(_mm512_unpacklo_ps(v[2], v[3]));
  const __m512d t3 = _mm512_castps_pd(_mm512_unpackhi_ps(v[2], v[3]));
  _mm512_store_ps(xt, _mm512_castpd_ps(_mm512_unpacklo_pd(t0, t2)));
  _mm512_store_ps(xt + 16, _mm512_castpd_ps(_mm512_unpackhi_pd(t0, t2)));
  _mm512_store_ps(xt + 32, _mm512_castpd_ps(_mm512_unpacklo_pd(t1, t3)));
  _mm512_store_ps(xt + 48, _mm512_castpd_ps(_mm512_unpackhi_pd(t1, t3)));
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

// Labels of the 16 points x (rows of d floats) from their norm-form distances r[c] (lanes =
// points) to the centres c < k and their |x|^2 (lanes = points, any summation order).
HWY_INLINE void LabelsOf16(const __m512* r, std::size_t k, __m512 point_norms,
                           const float* HWY_RESTRICT x, std::size_t d,
                           const float* HWY_RESTRICT centroids, float max_norm,
                           near_tie_margin tie, std::int32_t* HWY_RESTRICT labels) {
  using D = hn::Full512<float>;
  const D df;
  const hn::RebindToSigned<D> di;
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
  const auto margin = hn::MulAdd(hn::Set(df, tie.per_s),
                                 hn::Add(hn::Vec<D>{point_norms}, hn::Set(df, max_norm)),
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
}

// min_dist of the 16 points x to their labels' centres, d a multiple of 16, bit for bit
// RowSquaredDistance: its per-lane sums, then SumOfLanes16.
HWY_INLINE void ExactDistances16(const float* HWY_RESTRICT x, std::size_t d,
                                 const float* HWY_RESTRICT centroids,
                                 const std::int32_t* HWY_RESTRICT labels,
                                 float* HWY_RESTRICT min_dist) {
  const hn::Full512<float> df;
  __m512 r[16];
  for (int q = 0; q < 16; ++q) {
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

// The whole assign for k <= K <= 16 centres (one vector of `prepared`), d a multiple of 16, 16
// points at a time with the points in lanes: K FMAs per feature for 16 points (a centres-in-lanes
// tile spends 16, whatever k), on the transposed points (TransposeQuad into xt).
constexpr std::size_t kChunk = 128;  // features transposed at a time (8 KiB)
template <std::size_t K>
HWY_NOINLINE std::size_t AssignLanes16(const float* HWY_RESTRICT points, std::size_t n,
                                       std::size_t d, const float* HWY_RESTRICT centroids,
                                       const float* HWY_RESTRICT prepared, std::size_t k,
                                       std::int32_t* HWY_RESTRICT labels,
                                       float* HWY_RESTRICT min_dist) {
  const std::size_t kp = 16;
  const float* norms = prepared + d * kp;
  float max_norm = 0.0f;
  for (std::size_t c = 0; c < k; ++c) max_norm = norms[c] > max_norm ? norms[c] : max_norm;
  const near_tie_margin tie = near_tie_margin_of(d);
  HWY_ALIGN float xt[kChunk * 16];  // a chunk of features of 16 points, lanes = points
  std::size_t g = 0;
  for (; g + 16 <= n; g += 16) {
    const float* x = points + g * d;
    __m512 acc[K];
    for (std::size_t c = 0; c < K; ++c) acc[c] = _mm512_setzero_ps();
    __m512 xx = _mm512_setzero_ps();
    for (std::size_t j0 = 0; j0 < d; j0 += kChunk) {
      const std::size_t j1 = d - j0 < kChunk ? d : j0 + kChunk;
      for (std::size_t jb = j0; jb < j1; jb += 4) TransposeQuad(x, d, jb, xt + (jb - j0) * 16);
      for (std::size_t j = j0; j < j1; ++j) {
        const __m512 t = _mm512_load_ps(xt + (j - j0) * 16);
        xx = _mm512_fmadd_ps(t, t, xx);
        for (std::size_t c = 0; c < K; ++c)
          acc[c] = _mm512_fmadd_ps(t, _mm512_set1_ps(prepared[j * kp + c]), acc[c]);
      }
    }
    for (std::size_t c = 0; c < K; ++c)  // |c|^2 - 2 x.c; padding centres have |c|^2 = +inf
      acc[c] = _mm512_fmadd_ps(_mm512_set1_ps(-2.0f), acc[c], _mm512_set1_ps(norms[c]));
    LabelsOf16(acc, k, xx, x, d, centroids, max_norm, tie, labels + g);
    ExactDistances16(x, d, centroids, labels + g, min_dist + g);
  }
  return g;
}

// AssignLanes16 for this k (rounded up to even), or 0 points where it does not apply.
HWY_INLINE std::size_t AssignLanes16For(const float* points, std::size_t n, std::size_t d,
                                        const float* centroids, const float* prepared,
                                        std::size_t k, std::int32_t* labels, float* min_dist) {
  if (d % 16 != 0) return 0;
  switch ((k + 1) / 2) {
#define TINYKM_LANES16_CASE(h) \
  case h:                      \
    return AssignLanes16<2 * h>(points, n, d, centroids, prepared, k, labels, min_dist);
    TINYKM_LANES16_CASE(1)
    TINYKM_LANES16_CASE(2)
    TINYKM_LANES16_CASE(3)
    TINYKM_LANES16_CASE(4)
    TINYKM_LANES16_CASE(5)
    TINYKM_LANES16_CASE(6)
    TINYKM_LANES16_CASE(7)
    TINYKM_LANES16_CASE(8)
#undef TINYKM_LANES16_CASE
    default:
      return 0;
  }
}
#endif  // AVX-512

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_LANES16_AVX3_INL_H_
