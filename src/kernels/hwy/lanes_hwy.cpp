// lanes_nearest (kernels.hpp) for every Highway target, dispatched at run time: lanes = centres,
// one point at a time. hwy.cmake builds this file with -ffp-contract=off, so Mul then
// Add stays two roundings there, like the scalar reference.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "lanes_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cmath>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Squared distances of x to the lanes of one vector at `col` (row j at col + j kp): t_0^2,
// then s + t_j^2 for j = 1 .. d-1, the scalar reference's order.
template <class DF>
HWY_INLINE hn::Vec<DF> LaneSquares(DF df, const float* HWY_RESTRICT x, std::size_t d,
                                   const float* HWY_RESTRICT col, std::size_t kp) {
  auto t = hn::Sub(hn::Set(df, x[0]), hn::LoadU(df, col));
  auto s = hn::Mul(t, t);
  for (std::size_t j = 1; j < d; ++j) {
    t = hn::Sub(hn::Set(df, x[j]), hn::LoadU(df, col + j * kp));
    s = hn::Add(s, hn::Mul(t, t));
  }
  return s;
}

// The same for four consecutive vectors: four independent sums, so the adds' latency overlaps
// when d is large. (No arrays of vectors: SVE vectors are sizeless.)
template <class DF, class V>
HWY_INLINE void LaneSquares4(DF df, const float* HWY_RESTRICT x, std::size_t d,
                             const float* HWY_RESTRICT col, std::size_t kp, V& s0, V& s1, V& s2,
                             V& s3) {
  const std::size_t N = hn::Lanes(df);
  const auto x0 = hn::Set(df, x[0]);
  auto t0 = hn::Sub(x0, hn::LoadU(df, col));
  auto t1 = hn::Sub(x0, hn::LoadU(df, col + N));
  auto t2 = hn::Sub(x0, hn::LoadU(df, col + 2 * N));
  auto t3 = hn::Sub(x0, hn::LoadU(df, col + 3 * N));
  s0 = hn::Mul(t0, t0);
  s1 = hn::Mul(t1, t1);
  s2 = hn::Mul(t2, t2);
  s3 = hn::Mul(t3, t3);
  for (std::size_t j = 1; j < d; ++j) {
    const float* row = col + j * kp;
    const auto xj = hn::Set(df, x[j]);
    t0 = hn::Sub(xj, hn::LoadU(df, row));
    t1 = hn::Sub(xj, hn::LoadU(df, row + N));
    t2 = hn::Sub(xj, hn::LoadU(df, row + 2 * N));
    t3 = hn::Sub(xj, hn::LoadU(df, row + 3 * N));
    s0 = hn::Add(s0, hn::Mul(t0, t0));
    s1 = hn::Add(s1, hn::Mul(t1, t1));
    s2 = hn::Add(s2, hn::Mul(t2, t2));
    s3 = hn::Add(s3, hn::Mul(t3, t3));
  }
}

// The correctly rounded square root of each lane, as std::sqrt gives the scalar reference.
// Highway's Sqrt on armv7 NEON is an estimate (no vector square root there): one VSQRT a lane.
template <class DF, class VF>
HWY_INLINE VF ExactSqrt(DF df, VF v) {
#if HWY_ARCH_ARM_V7
  HWY_ALIGN float a[hn::MaxLanes(df)];
  hn::Store(v, df, a);
  for (std::size_t l = 0; l < hn::Lanes(df); ++l) a[l] = std::sqrt(a[l]);
  return hn::Load(df, a);
#else
  (void)df;
  return hn::Sqrt(v);
#endif
}

// Folds one vector of lanes (centres c ..) into the per-lane running minima.
template <class DF, class VF, class VI>
HWY_INLINE void Keep(DF df, VF s, std::size_t c, const float* HWY_RESTRICT radius, VF& best,
                     VI& best_index, VF& score) {
  const hn::RebindToSigned<DF> di;
  const auto index = hn::Add(hn::Iota(di, 0), hn::Set(di, static_cast<std::int32_t>(c)));
  KeepNearer(df, s, index, best, best_index);
  score = hn::Min(score, hn::Sub(ExactSqrt(df, s), hn::LoadU(df, radius + c)));
}

HWY_INLINE lanes_hit NearestOne(const float* HWY_RESTRICT x, std::size_t d,
                                const float* HWY_RESTRICT lanes,
                                const float* HWY_RESTRICT radius, std::size_t kp) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const std::size_t N = hn::Lanes(df);
  const float far = std::numeric_limits<float>::infinity();
  float best_square = far;
  float best_score = far;
  std::int32_t at = 0;
  std::size_t c = 0;
  if (kp > 8 && kp >= N) {  // (8 lanes: one vector, below)
    auto best = hn::Set(df, far);
    auto best_index = hn::Zero(di);
    auto least = hn::Set(df, far);
    for (; c + 4 * N <= kp; c += 4 * N) {
      auto s0 = hn::Zero(df), s1 = hn::Zero(df), s2 = hn::Zero(df), s3 = hn::Zero(df);
      LaneSquares4(df, x, d, lanes + c, kp, s0, s1, s2, s3);
      Keep(df, s0, c, radius, best, best_index, least);
      Keep(df, s1, c + N, radius, best, best_index, least);
      Keep(df, s2, c + 2 * N, radius, best, best_index, least);
      Keep(df, s3, c + 3 * N, radius, best, best_index, least);
    }
    for (; c + N <= kp; c += N)
      Keep(df, LaneSquares(df, x, d, lanes + c, kp), c, radius, best, best_index, least);
    at = LowestArgmin(df, best, best_index, best_square);
    best_score = hn::GetLane(hn::MinOfLanes(df, least));
  }
  // kp is a multiple of 8, not always of N (16 lanes and more): the rest (or all of kp = 8) 8
  // lanes at a time, after every lower centre, so a tie there loses; the label is the first
  // lane at the block's minimum.
  const hn::CappedTag<float, 8> d8;
  for (; c < kp; c += hn::Lanes(d8)) {
    const auto s = LaneSquares(d8, x, d, lanes + c, kp);
    const auto m = hn::MinOfLanes(d8, s);
    if (hn::GetLane(m) < best_square) {
      best_square = hn::GetLane(m);
      const auto lane = hn::FindFirstTrue(d8, hn::Eq(s, m));  // m is one of s: found
      at = static_cast<std::int32_t>(c + static_cast<std::size_t>(lane));
    }
    const float e =
        hn::GetLane(hn::MinOfLanes(d8, hn::Sub(ExactSqrt(d8, s), hn::LoadU(d8, radius + c))));
    best_score = e < best_score ? e : best_score;
  }
  return lanes_hit{at, best_square, best_score};
}

// s + (x - centre)^2, lane by lane.
template <class DF, class VF>
HWY_INLINE VF PlusSquare(DF df, VF s, VF x, float centre) {
  const VF t = hn::Sub(x, hn::Set(df, centre));
  return hn::Add(s, hn::Mul(t, t));
}

// Points in lanes, for d <= 4: one vector of points against one centre per step, so nothing is
// reduced across lanes. Feature j of the block's points in one vector (LoadInterleaved
// transposes them); each point's square is summed in the scalar order and the centres are
// taken in increasing order with a strict <, so labels, squares and scores are the scalar
// reference's. Returns how many points it did: whole vectors of them.
template <std::size_t D>
std::size_t NearestColumns(const float* HWY_RESTRICT points, std::size_t n,
                           const float* HWY_RESTRICT lanes, const float* HWY_RESTRICT radius,
                           std::size_t kp, std::int32_t* HWY_RESTRICT labels,
                           float* HWY_RESTRICT squares, float* HWY_RESTRICT scores) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const std::size_t N = hn::Lanes(df);
  std::size_t i = 0;
  for (; i + N <= n; i += N) {
    const float* p = points + i * D;
    auto x0 = hn::Zero(df), x1 = hn::Zero(df), x2 = hn::Zero(df), x3 = hn::Zero(df);
    if constexpr (D == 1) x0 = hn::LoadU(df, p);
    if constexpr (D == 2) hn::LoadInterleaved2(df, p, x0, x1);
    if constexpr (D == 3) hn::LoadInterleaved3(df, p, x0, x1, x2);
    if constexpr (D == 4) hn::LoadInterleaved4(df, p, x0, x1, x2, x3);
    auto best = hn::Set(df, std::numeric_limits<float>::infinity());
    auto least = best;
    auto at = hn::Zero(di);
    for (std::size_t c = 0; c < kp; ++c) {
      const auto t = hn::Sub(x0, hn::Set(df, lanes[c]));
      auto s = hn::Mul(t, t);
      if constexpr (D > 1) s = PlusSquare(df, s, x1, lanes[kp + c]);
      if constexpr (D > 2) s = PlusSquare(df, s, x2, lanes[2 * kp + c]);
      if constexpr (D > 3) s = PlusSquare(df, s, x3, lanes[3 * kp + c]);
      const auto lower = hn::Lt(s, best);
      best = hn::IfThenElse(lower, s, best);
      const auto centre = hn::Set(di, static_cast<std::int32_t>(c));
      at = hn::IfThenElse(hn::RebindMask(di, lower), centre, at);
      least = hn::Min(least, hn::Sub(ExactSqrt(df, s), hn::Set(df, radius[c])));
    }
    hn::StoreU(at, di, labels + i);
    hn::StoreU(best, df, squares + i);
    hn::StoreU(least, df, scores + i);
  }
  return i;
}

// NearestColumns for d <= 4. Not inlined: a single point (a stream update) pays nothing for it.
HWY_NOINLINE std::size_t NearestColumnsOf(const float* points, std::size_t n, std::size_t d,
                                          const float* lanes, const float* radius, std::size_t kp,
                                          std::int32_t* labels, float* squares, float* scores) {
  if (d == 1) return NearestColumns<1>(points, n, lanes, radius, kp, labels, squares, scores);
  if (d == 2) return NearestColumns<2>(points, n, lanes, radius, kp, labels, squares, scores);
  if (d == 3) return NearestColumns<3>(points, n, lanes, radius, kp, labels, squares, scores);
  return NearestColumns<4>(points, n, lanes, radius, kp, labels, squares, scores);
}

void LanesNearest(const float* points, std::size_t n, std::size_t d, const float* lanes,
                  const float* radius, std::size_t kp, std::int32_t* labels, float* squares,
                  float* scores) {
  std::size_t i = 0;
  if (d <= 4 && n >= hn::Lanes(hn::ScalableTag<float>()))
    i = NearestColumnsOf(points, n, d, lanes, radius, kp, labels, squares, scores);
  for (; i < n; ++i) {
    const lanes_hit hit = NearestOne(points + i * d, d, lanes, radius, kp);
    labels[i] = hit.label;
    squares[i] = hit.square;
    scores[i] = hit.score;
  }
}

void LanesNearestOne(const float* x, std::size_t d, const float* lanes, const float* radius,
                     std::size_t kp, lanes_hit* out) {
  *out = NearestOne(x, d, lanes, radius, kp);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(LanesNearest);

void lanes_nearest_hwy(const float* points, std::size_t n, std::size_t d, const float* lanes,
                       const float* radius, std::size_t kp, std::int32_t* labels, float* squares,
                       float* scores) {
  HWY_DYNAMIC_DISPATCH(LanesNearest)(points, n, d, lanes, radius, kp, labels, squares, scores);
}

HWY_EXPORT(LanesNearestOne);

void lanes_nearest_one_hwy(const float* x, std::size_t d, const float* lanes,
                           const float* radius, std::size_t kp, lanes_hit* out) {
  HWY_DYNAMIC_DISPATCH(LanesNearestOne)(x, d, lanes, radius, kp, out);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
