// assign for large k*d: a register-blocked GEMM-like micro-kernel on |c|^2 - 2 x.c over the
// `prepared` layout (lanes = centres), then an exact (x - c)^2 re-check of near ties
// (near_tie_margin.hpp) against all k centres (NearestCanonical). The walk over points and
// centres is assign_blocked_walk-inl.h; this file supplies Highway's vector code (BlockedOps).
#if defined(TINYKM_HWY_ASSIGN_BLOCKED_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#undef TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#else
#define TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
#endif

#include <cstddef>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "assign_shape.hpp"
#include "assign_exact-inl.h"
#include "assign_lanes16_avx3-inl.h"
#include "row_distance-inl.h"
#include "kernels.hpp"
#include "near_tie_margin.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The register tile (assign_shape.hpp: blocked_tile_for): 32 registers on AVX-512 (every AVX3
// target), NEON64 and SVE; 16 on the other x86 targets. Fewer centre vectors than the tile's V
// (small k) take 8 points x 1 or 4 x 2 (assign_blocked below).
#if HWY_ARCH_X86 && HWY_TARGET > HWY_AVX3
constexpr blocked_tile kTile = blocked_tile_for(16);
#else
constexpr blocked_tile kTile = blocked_tile_for(32);
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
  // Iota(di, c) is built through the stack here (Highway 1.0: lane stores, then a vector load
  // that cannot be forwarded, a stall per fold); a constant Iota(di, 0) plus c is not.
  const auto lane = hn::Iota(di, 0);
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
                             hn::Add(lane, hn::Set(di, static_cast<std::int32_t>(c))), index);
    }
    hn::Store(best, df, state.best + p * N);
    hn::Store(second, df, state.second + p * N);
    hn::Store(index, di, state.index + p * N);
  }
}

#include "assign_blocked_walk-inl.h"  // NOLINT: per target, inside this namespace

// The vector code of the blocked walk (assign_blocked_walk-inl.h): the per-lane state of a slab
// of G tiles of P points. Single: the centres fill one vector (the <8, 1> tile), so each point
// meets each lane once: best holds its norm-form distances, second stays +inf, index the lane.
template <std::size_t P, std::size_t G, bool Single>
struct BlockedOps {
  static constexpr std::size_t kMax = G * P * hn::MaxLanes(CentreLanes());
  const CentreLanes df{};
  const std::size_t lanes = hn::Lanes(df);
  const float* centroids;
  const float* prepared;
  std::size_t d, k, kp;
  HWY_ALIGN float best[kMax];
  HWY_ALIGN float second[kMax];
  HWY_ALIGN std::int32_t index[kMax];

  BlockedOps(const float* c, const float* prep, std::size_t dd, std::size_t kk)
      : centroids(c), prepared(prep), d(dd), k(kk), kp(padded_k(kk)) {}
  HWY_INLINE void start(std::size_t m) {
    const hn::RebindToSigned<CentreLanes> di;
    const auto inf = hn::Set(df, std::numeric_limits<float>::infinity());
    const auto first = Single ? hn::Iota(di, 0) : hn::Zero(di);
    for (std::size_t p = 0; p < m; ++p) {
      if constexpr (!Single) hn::Store(inf, df, best + p * lanes);
      hn::Store(inf, df, second + p * lanes);
      hn::Store(first, di, index + p * lanes);
    }
  }
  template <std::size_t TP, std::size_t V>
  HWY_INLINE void tile(const float* const* rows, std::size_t c0, std::size_t slot) {
    HWY_ALIGN float dots[kMaxP * 4 * hn::MaxLanes(CentreLanes())];
    DotTile<TP, V>(df, rows, prepared + c0, kp, d, dots);
    const std::size_t at = slot * lanes;
    const float* norms = prepared + d * kp;
    if constexpr (Single) {  // |c|^2 - 2 x.c; padding centres have |c|^2 = +inf
      const auto minus_two = hn::Set(df, -2.0f);
      for (std::size_t p = 0; p < TP; ++p)
        hn::Store(hn::MulAdd(minus_two, hn::Load(df, dots + p * lanes), hn::LoadU(df, norms)), df,
                  best + at + p * lanes);
    } else {
      FoldDots<TP, V>(df, dots, norms, c0, {best + at, second + at, index + at});
    }
  }
  // The chosen lane's second best and every other lane's best compete for runner-up.
  HWY_INLINE std::int32_t nearest(std::size_t slot, float& value, float& runner_up) const {
    const hn::RebindToSigned<CentreLanes> di;
    const auto b = hn::Load(df, best + slot * lanes);
    const auto b_index = hn::Load(di, index + slot * lanes);
    const std::int32_t chosen = LowestArgmin(df, b, b_index, value);
    const auto chosen_lane = hn::RebindMask(df, hn::Eq(b_index, hn::Set(di, chosen)));
    const auto others = hn::IfThenElse(chosen_lane, hn::Load(df, second + slot * lanes), b);
    runner_up = hn::GetLane(hn::MinOfLanes(df, others));
    return chosen;
  }
  HWY_INLINE float point_norm(const float* x) const { return RowSquaredNorm(x, d); }
  HWY_INLINE std::int32_t exact_nearest(const float* x) const {
    float dist = 0.0f;
    return NearestCanonical(x, d, centroids, k, dist);
  }
  HWY_INLINE void exact_distances(const float* x, const std::int32_t* labels, std::size_t m,
                                  float* out) const {
    for (std::size_t p = 0; p < m; ++p)
      out[p] = CanonicalSquaredDistance(x + p * d,
                                        centroids + static_cast<std::size_t>(labels[p]) * d, d);
  }
};

template <std::size_t P, std::size_t V>
HWY_NOINLINE void AssignBlockedTiles(const float* HWY_RESTRICT points, std::size_t n,
                                     std::size_t d, const float* HWY_RESTRICT centroids,
                                     const float* HWY_RESTRICT prepared, std::size_t k,
                                     std::int32_t* HWY_RESTRICT labels,
                                     float* HWY_RESTRICT min_dist) {
  BlockedOps<P, kTile.G, V == 1> ops(centroids, prepared, d, k);
  assign_blocked_walk<P, V, kTile.G>(points, n, d, prepared, k, labels, min_dist, ops);
}

HWY_INLINE void AssignBlocked(const float* points, std::size_t n, std::size_t d,
                              const float* centroids, const float* prepared, std::size_t k,
                              std::int32_t* labels, float* min_dist) {
  const CentreLanes df;
  const std::size_t vectors = padded_k(k) / hn::Lanes(df);
  if (vectors >= kTile.V)
    return AssignBlockedTiles<kTile.P, kTile.V>(points, n, d, centroids, prepared, k, labels,
                                              min_dist);
  if (vectors >= 2)
    return AssignBlockedTiles<4, 2>(points, n, d, centroids, prepared, k, labels, min_dist);
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
  // One vector of centres: 16 points in lanes (assign_lanes16_avx3-inl.h), then the rest of n % 16.
  const std::size_t done =
      AssignLanes16For(points, n, d, centroids, prepared, k, labels, min_dist);
  if (done == n) return;
  points += done * d;
  n -= done;
  labels += done;
  min_dist += done;
#endif
  return AssignBlockedTiles<8, 1>(points, n, d, centroids, prepared, k, labels, min_dist);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_BLOCKED_INL_H_
