// assign for large k*d: a register-blocked GEMM-like micro-kernel on |c|^2 - 2 x.c over the
// `prepared` layout (lanes = centres), then an exact (x - c)^2 re-check of near ties.
//
// Why the re-check margin is what it is (u = 2^-24, gamma_m = m u / (1 - m u), S = |x|^2 +
// max_c |c|^2): the norm form f_c = fl(|c|^2) - 2 fl(x.c) differs from D_c - |x|^2 by at most
// gamma_{d+1} (|c|^2 + 2|x||c|) <= 2 gamma_{d+1} S; the reference's exact form E_c (float, any
// order) differs from D_c by at most gamma_{d+3} D_c <= 2 gamma_{d+3} S. If the best f_a and
// every other f_b are more than 8 gamma_{d+3} S apart, then E_b > E_a: the exact form picks a
// too. We use 4 (d + 4) FLT_EPSILON S (= 8 (d + 4) u S), which also covers the rounding of the
// margin itself; anything closer is recomputed exactly against all k centres (NearestCanonical).
#if defined(TINYKM_HWY_ASSIGN_BLOCKED_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#undef TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#else
#define TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#endif

#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "assign_exact-inl.h"
#include "row_distance-inl.h"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Register tile: P points x V vectors of centres, P * V accumulators. Two FMA pipes with a
// 4-cycle latency need at least 8 independent accumulators; 16 also halves the loads per FMA
// (per feature: V vector loads + P broadcasts feed P * V FMAs). 32-register targets (AVX-512,
// NEON, SVE) take 4 x 4; 16-register x86 targets take 4 x 2 so nothing spills. When the centres
// fill only one or two vectors (small k), more points per tile keep the accumulators at 8.
#if HWY_ARCH_X86 && HWY_TARGET != HWY_AVX3 && HWY_TARGET != HWY_AVX3_DL
constexpr std::size_t kWideV = 2;
constexpr std::size_t kWideP = 4;
#else
constexpr std::size_t kWideV = 4;
constexpr std::size_t kWideP = 4;
#endif
constexpr std::size_t kMaxP = 8;

// Lanes = centres. At most 16 lanes, so N divides kp (a multiple of 16) on every target, SVE
// included (Highway's vectors are a power of two lanes long).
using CentreLanes = hn::CappedTag<float, 16>;

template <std::size_t V, class VF>
HWY_INLINE void FmaRow(VF b, VF c0, VF c1, VF c2, VF c3, VF& s0, VF& s1, VF& s2, VF& s3) {
  s0 = hn::MulAdd(b, c0, s0);
  if constexpr (V > 1) s1 = hn::MulAdd(b, c1, s1);
  if constexpr (V > 2) s2 = hn::MulAdd(b, c2, s2);
  if constexpr (V > 3) s3 = hn::MulAdd(b, c3, s3);
}

template <std::size_t V, class DF, class VF>
HWY_INLINE void StoreRow(DF df, VF s0, VF s1, VF s2, VF s3, float* HWY_RESTRICT out) {
  const std::size_t N = hn::Lanes(df);
  hn::Store(s0, df, out);
  if constexpr (V > 1) hn::Store(s1, df, out + N);
  if constexpr (V > 2) hn::Store(s2, df, out + 2 * N);
  if constexpr (V > 3) hn::Store(s3, df, out + 3 * N);
}

// dots[p * V * N + v * N + lane] = x_p . centre (c0 + v * N + lane), for P rows.
template <std::size_t P, std::size_t V, class DF>
HWY_INLINE void DotTile(DF df, const float* const* HWY_RESTRICT rows,
                        const float* HWY_RESTRICT centres, std::size_t kp, std::size_t d,
                        float* HWY_RESTRICT dots) {
  static_assert(P <= kMaxP && V <= 4, "tile larger than the accumulators written out");
  const std::size_t N = hn::Lanes(df);
  const float* HWY_RESTRICT x0 = rows[0];
  const float* HWY_RESTRICT x1 = rows[P > 1 ? 1 : 0];
  const float* HWY_RESTRICT x2 = rows[P > 2 ? 2 : 0];
  const float* HWY_RESTRICT x3 = rows[P > 3 ? 3 : 0];
  const float* HWY_RESTRICT x4 = rows[P > 4 ? 4 : 0];
  const float* HWY_RESTRICT x5 = rows[P > 5 ? 5 : 0];
  const float* HWY_RESTRICT x6 = rows[P > 6 ? 6 : 0];
  const float* HWY_RESTRICT x7 = rows[P > 7 ? 7 : 0];
  auto s00 = hn::Zero(df), s01 = s00, s02 = s00, s03 = s00;
  auto s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  auto s20 = s00, s21 = s00, s22 = s00, s23 = s00;
  auto s30 = s00, s31 = s00, s32 = s00, s33 = s00;
  auto s40 = s00, s41 = s00, s42 = s00, s43 = s00;
  auto s50 = s00, s51 = s00, s52 = s00, s53 = s00;
  auto s60 = s00, s61 = s00, s62 = s00, s63 = s00;
  auto s70 = s00, s71 = s00, s72 = s00, s73 = s00;
  for (std::size_t j = 0; j < d; ++j) {
    const float* HWY_RESTRICT row = centres + j * kp;
    const auto c0 = hn::LoadU(df, row);
    const auto c1 = V > 1 ? hn::LoadU(df, row + N) : c0;
    const auto c2 = V > 2 ? hn::LoadU(df, row + 2 * N) : c0;
    const auto c3 = V > 3 ? hn::LoadU(df, row + 3 * N) : c0;
    FmaRow<V>(hn::Set(df, x0[j]), c0, c1, c2, c3, s00, s01, s02, s03);
    if constexpr (P > 1) FmaRow<V>(hn::Set(df, x1[j]), c0, c1, c2, c3, s10, s11, s12, s13);
    if constexpr (P > 2) FmaRow<V>(hn::Set(df, x2[j]), c0, c1, c2, c3, s20, s21, s22, s23);
    if constexpr (P > 3) FmaRow<V>(hn::Set(df, x3[j]), c0, c1, c2, c3, s30, s31, s32, s33);
    if constexpr (P > 4) FmaRow<V>(hn::Set(df, x4[j]), c0, c1, c2, c3, s40, s41, s42, s43);
    if constexpr (P > 5) FmaRow<V>(hn::Set(df, x5[j]), c0, c1, c2, c3, s50, s51, s52, s53);
    if constexpr (P > 6) FmaRow<V>(hn::Set(df, x6[j]), c0, c1, c2, c3, s60, s61, s62, s63);
    if constexpr (P > 7) FmaRow<V>(hn::Set(df, x7[j]), c0, c1, c2, c3, s70, s71, s72, s73);
  }
  const std::size_t stride = V * N;
  StoreRow<V>(df, s00, s01, s02, s03, dots);
  if constexpr (P > 1) StoreRow<V>(df, s10, s11, s12, s13, dots + stride);
  if constexpr (P > 2) StoreRow<V>(df, s20, s21, s22, s23, dots + 2 * stride);
  if constexpr (P > 3) StoreRow<V>(df, s30, s31, s32, s33, dots + 3 * stride);
  if constexpr (P > 4) StoreRow<V>(df, s40, s41, s42, s43, dots + 4 * stride);
  if constexpr (P > 5) StoreRow<V>(df, s50, s51, s52, s53, dots + 5 * stride);
  if constexpr (P > 6) StoreRow<V>(df, s60, s61, s62, s63, dots + 6 * stride);
  if constexpr (P > 7) StoreRow<V>(df, s70, s71, s72, s73, dots + 7 * stride);
}

// Per point and lane: the best and second-best norm-form distance seen, and the best's index.
struct NearestTwo {
  float* best;
  float* second;
  std::int32_t* index;
};

// Folds V vectors of dot products (centres c0 ...) of P points into their running NearestTwo.
template <std::size_t P, std::size_t V, class DF>
HWY_INLINE void FoldDots(DF df, const float* HWY_RESTRICT dots, const float* HWY_RESTRICT norms,
                         std::size_t c0, NearestTwo state) {
  const hn::RebindToSigned<DF> di;
  const std::size_t N = hn::Lanes(df);
  const auto minus_two = hn::Set(df, -2.0f);
  for (std::size_t p = 0; p < P; ++p) {
    auto best = hn::Load(df, state.best + p * N);
    auto second = hn::Load(df, state.second + p * N);
    auto index = hn::Load(di, state.index + p * N);
    for (std::size_t v = 0; v < V; ++v) {
      const std::size_t c = c0 + v * N;
      // |c|^2 - 2 x.c; padding centres have |c|^2 = +inf and never win.
      const auto dist = hn::MulAdd(minus_two, hn::Load(df, dots + (p * V + v) * N),
                                   hn::LoadU(df, norms + c));
      const auto nearer = hn::Lt(dist, best);
      second = hn::IfThenElse(nearer, best, hn::Min(second, dist));
      best = hn::IfThenElse(nearer, dist, best);
      index = hn::IfThenElse(hn::RebindMask(di, nearer),
                             hn::Iota(di, static_cast<std::int32_t>(c)), index);
    }
    hn::Store(best, df, state.best + p * N);
    hn::Store(second, df, state.second + p * N);
    hn::Store(index, di, state.index + p * N);
  }
}

// All centres against the P points in rows: V vectors at a time, the rest one at a time.
template <std::size_t P, std::size_t V, class DF>
HWY_INLINE void ScanCentres(DF df, const float* const* rows, const float* prepared,
                            std::size_t kp, std::size_t d, NearestTwo state) {
  const std::size_t N = hn::Lanes(df);
  HWY_ALIGN float dots[kMaxP * 4 * hn::MaxLanes(df)];
  const float* norms = prepared + d * kp;
  std::size_t c0 = 0;
  for (; c0 + V * N <= kp; c0 += V * N) {
    DotTile<P, V>(df, rows, prepared + c0, kp, d, dots);
    FoldDots<P, V>(df, dots, norms, c0, state);
  }
  for (; c0 < kp; c0 += N) {
    DotTile<P, 1>(df, rows, prepared + c0, kp, d, dots);
    FoldDots<P, 1>(df, dots, norms, c0, state);
  }
}

// P points per tile; the last tile repeats its last point and drops the extra results.
template <std::size_t P, std::size_t V>
HWY_NOINLINE void AssignBlockedTiles(const float* HWY_RESTRICT points, std::size_t n,
                                     std::size_t d, const float* HWY_RESTRICT centroids,
                                     const float* HWY_RESTRICT prepared, std::size_t k,
                                     std::int32_t* HWY_RESTRICT labels,
                                     float* HWY_RESTRICT min_dist) {
  const CentreLanes df;
  const hn::RebindToSigned<CentreLanes> di;
  const std::size_t N = hn::Lanes(df);
  const std::size_t kp = padded_k(k);
  const float* norms = prepared + d * kp;
  float max_norm = 0.0f;
  for (std::size_t c = 0; c < k; ++c) max_norm = norms[c] > max_norm ? norms[c] : max_norm;
  const float margin_per_s = 4.0f * static_cast<float>(d + 4) * FLT_EPSILON;

  HWY_ALIGN float best[P * hn::MaxLanes(df)];
  HWY_ALIGN float second[P * hn::MaxLanes(df)];
  HWY_ALIGN std::int32_t index[P * hn::MaxLanes(df)];
  const NearestTwo state{best, second, index};
  const float* rows[P];
  for (std::size_t i = 0; i < n; i += P) {
    const std::size_t count = n - i < P ? n - i : P;
    for (std::size_t p = 0; p < P; ++p) rows[p] = points + (i + (p < count ? p : count - 1)) * d;
    const auto inf = hn::Set(df, std::numeric_limits<float>::infinity());
    for (std::size_t p = 0; p < P; ++p) {
      hn::Store(inf, df, best + p * N);
      hn::Store(inf, df, second + p * N);
      hn::Store(hn::Zero(di), di, index + p * N);
    }
    ScanCentres<P, V>(df, rows, prepared, kp, d, state);

    for (std::size_t p = 0; p < count; ++p) {
      const auto b = hn::Load(df, best + p * N);
      const auto b_index = hn::Load(di, index + p * N);
      float f_best;
      const std::int32_t chosen = LowestArgmin(df, b, b_index, f_best);
      // The runner-up: the chosen lane's second best, every other lane's best.
      const auto chosen_lane = hn::RebindMask(df, hn::Eq(b_index, hn::Set(di, chosen)));
      const auto others = hn::IfThenElse(chosen_lane, hn::Load(df, second + p * N), b);
      const float f_second = hn::GetLane(hn::MinOfLanes(df, others));
      const float* x = rows[p];
      const float margin = margin_per_s * (RowSquaredNorm(x, d) + max_norm);
      if (!(f_second - f_best > margin)) {  // also re-checks if overflow made a NaN
        labels[i + p] = NearestCanonical(x, d, centroids, k, min_dist[i + p]);
      } else {
        labels[i + p] = chosen;
        min_dist[i + p] =
            CanonicalSquaredDistance(x, centroids + static_cast<std::size_t>(chosen) * d, d);
      }
    }
  }
}

HWY_INLINE void AssignBlocked(const float* points, std::size_t n, std::size_t d,
                              const float* centroids, const float* prepared, std::size_t k,
                              std::int32_t* labels, float* min_dist) {
  const CentreLanes df;
  const std::size_t vectors = padded_k(k) / hn::Lanes(df);
  if (vectors >= kWideV)
    return AssignBlockedTiles<kWideP, kWideV>(points, n, d, centroids, prepared, k, labels,
                                              min_dist);
  if (vectors >= 2)
    return AssignBlockedTiles<4, 2>(points, n, d, centroids, prepared, k, labels, min_dist);
  return AssignBlockedTiles<8, 1>(points, n, d, centroids, prepared, k, labels, min_dist);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
