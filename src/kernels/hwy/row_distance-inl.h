// Exact squared distance of two d-vectors with the features in lanes (one point, one centre):
// used where d is large and no transposed layout is at hand.
#if defined(TINYKM_HWY_ROW_DISTANCE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ROW_DISTANCE_INL_H_
#undef TINYKM_HWY_ROW_DISTANCE_INL_H_
#else
#define TINYKM_HWY_ROW_DISTANCE_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Two accumulators: consecutive FMAs into one register would wait on each other's latency.
HWY_INLINE float RowSquaredDistance(const float* HWY_RESTRICT a, const float* HWY_RESTRICT b,
                                    std::size_t d) {
  const hn::ScalableTag<float> df;
  const std::size_t N = hn::Lanes(df);
  auto s0 = hn::Zero(df);
  auto s1 = hn::Zero(df);
  std::size_t j = 0;
  for (; j + 2 * N <= d; j += 2 * N) {
    const auto t0 = hn::Sub(hn::LoadU(df, a + j), hn::LoadU(df, b + j));
    const auto t1 = hn::Sub(hn::LoadU(df, a + j + N), hn::LoadU(df, b + j + N));
    s0 = hn::MulAdd(t0, t0, s0);
    s1 = hn::MulAdd(t1, t1, s1);
  }
  for (; j + N <= d; j += N) {
    const auto t0 = hn::Sub(hn::LoadU(df, a + j), hn::LoadU(df, b + j));
    s0 = hn::MulAdd(t0, t0, s0);
  }
  float s = hn::GetLane(hn::SumOfLanes(df, hn::Add(s0, s1)));
  for (; j < d; ++j) {  // fewer than N features left: a full load could run off the row
    const float t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

HWY_INLINE float RowSquaredNorm(const float* HWY_RESTRICT a, std::size_t d) {
  const hn::ScalableTag<float> df;
  const std::size_t N = hn::Lanes(df);
  auto s0 = hn::Zero(df);
  std::size_t j = 0;
  for (; j + N <= d; j += N) {
    const auto t = hn::LoadU(df, a + j);
    s0 = hn::MulAdd(t, t, s0);
  }
  float s = hn::GetLane(hn::SumOfLanes(df, s0));
  for (; j < d; ++j) s += a[j] * a[j];
  return s;
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ROW_DISTANCE_INL_H_
