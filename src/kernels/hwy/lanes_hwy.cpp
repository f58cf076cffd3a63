// lanes_nearest and lanes_nearest_one (kernels.hpp) for every Highway target, dispatched at run
// time: the walk of lanes_walk-inl.h (lanes = centres, one point at a time) over Highway's vector
// ops, and for d <= 4 a vector of points per centre. hwy.cmake builds this file with
// -ffp-contract=off, so Mul then Add stays two roundings there, like the scalar reference.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "lanes_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#include "lanes_walk-inl.h"  // NOLINT: per target, inside this namespace

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

// The vector ops of lanes_walk-inl.h over the lanes of DF.
template <class DF>
struct LaneOps {
  using VF = hn::Vec<DF>;
  using VI = hn::Vec<hn::RebindToSigned<DF>>;
  DF df;
  hn::RebindToSigned<DF> di;

  HWY_INLINE std::size_t width() const { return hn::Lanes(df); }
  HWY_INLINE VF set(float v) const { return hn::Set(df, v); }
  HWY_INLINE VF load(const float* p) const { return hn::LoadU(df, p); }
  HWY_INLINE VF sub(VF a, VF b) const { return hn::Sub(a, b); }
  HWY_INLINE VF mul(VF a, VF b) const { return hn::Mul(a, b); }
  HWY_INLINE VF add(VF a, VF b) const { return hn::Add(a, b); }
  HWY_INLINE VF min(VF a, VF b) const { return hn::Min(a, b); }
  HWY_INLINE VF sqrt(VF v) const { return ExactSqrt(df, v); }
  HWY_INLINE float least(VF v) const { return hn::GetLane(hn::MinOfLanes(df, v)); }
  HWY_INLINE std::size_t first_least(VF v, float& m) const {
    const VF least_lanes = hn::MinOfLanes(df, v);
    m = hn::GetLane(least_lanes);
    return static_cast<std::size_t>(hn::FindFirstTrue(df, hn::Eq(v, least_lanes)));
  }
  HWY_INLINE VF infinity() const { return hn::Set(df, std::numeric_limits<float>::infinity()); }
  HWY_INLINE VI no_label() const { return hn::Zero(di); }
  HWY_INLINE void keep(VF s, std::size_t c, VF& best, VI& at) const {
    const VI label = hn::Add(hn::Iota(di, 0), hn::Set(di, static_cast<std::int32_t>(c)));
    KeepNearer(df, s, label, best, at);
  }
  HWY_INLINE std::int32_t lowest(VF best, VI at, float& square) const {
    return LowestArgmin(df, best, at, square);
  }
};

// Whole vectors of centres, then (AVX-512, wide SVE) 8 lanes at a time: kp is a multiple of 8.
using WideOps = LaneOps<hn::ScalableTag<float>>;
using TailOps = LaneOps<hn::CappedTag<float, lanes_pad>>;

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
  nearest_each(WideOps(), TailOps(), points, i, n, d, lanes, radius, kp, labels, squares, scores);
}

void LanesNearestOne(const float* x, std::size_t d, const float* lanes, const float* radius,
                     std::size_t kp, lanes_hit* out) {
  *out = nearest_one(WideOps(), TailOps(), x, d, lanes, radius, kp);
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
