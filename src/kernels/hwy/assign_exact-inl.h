// assign, general case (d > 16 without `prepared`, e.g. predict): exact (x - c)^2 with the
// features of one row in lanes, one centre at a time. Also the exact distances of the blocked
// kernel (its re-check and min_dist), in the order every other path uses.
#if defined(TINYKM_HWY_ASSIGN_EXACT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ASSIGN_EXACT_INL_H_
#undef TINYKM_HWY_ASSIGN_EXACT_INL_H_
#else
#define TINYKM_HWY_ASSIGN_EXACT_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "assign_shape.hpp"
#include "row_distance-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// The exact form of one point and one centre in the order the small-d kernel sums it (features
// in index order, the first squared, the rest fused multiply-adds), one lane wide, so a point
// gets the same bits whichever kernel handles it.
HWY_INLINE float SequentialSquaredDistance(const float* HWY_RESTRICT a,
                                           const float* HWY_RESTRICT b, std::size_t d) {
  const hn::CappedTag<float, 1> d1;
  const auto t0 = hn::Sub(hn::Set(d1, a[0]), hn::Set(d1, b[0]));
  auto acc = hn::Mul(t0, t0);
  for (std::size_t j = 1; j < d; ++j) {
    const auto t = hn::Sub(hn::Set(d1, a[j]), hn::Set(d1, b[j]));
    acc = hn::MulAdd(t, t, acc);
  }
  return hn::GetLane(acc);
}

// The canonical exact distance for this d, the one every Highway path reports (assign_shape.hpp):
// d <= 16 sums the features in index order (as small_d does with points in lanes); d > 16 sums
// them in lanes and then across lanes (RowSquaredDistance, as exact_rows).
HWY_INLINE float CanonicalSquaredDistance(const float* HWY_RESTRICT a,
                                          const float* HWY_RESTRICT b, std::size_t d) {
  return d <= small_d_max ? SequentialSquaredDistance(a, b, d) : RowSquaredDistance(a, b, d);
}

// Nearest of the k row-major centres to x by distance(x, centre, d); min_out receives it.
template <class Distance>
HWY_INLINE std::int32_t NearestBy(Distance distance, const float* HWY_RESTRICT x, std::size_t d,
                                  const float* HWY_RESTRICT centroids, std::size_t k,
                                  float& min_out) {
  float best = distance(x, centroids, d);
  std::size_t best_c = 0;
  for (std::size_t c = 1; c < k; ++c) {
    const float dist = distance(x, centroids + c * d, d);
    if (dist < best) {  // strict: a tie keeps the lower index
      best = dist;
      best_c = c;
    }
  }
  min_out = best;
  return static_cast<std::int32_t>(best_c);
}

// ... by the canonical exact distance (the one every path reports).
HWY_INLINE std::int32_t NearestCanonical(const float* HWY_RESTRICT x, std::size_t d,
                                         const float* HWY_RESTRICT centroids, std::size_t k,
                                         float& min_out) {
  return NearestBy(
      [](const float* a, const float* b, std::size_t n) { return CanonicalSquaredDistance(a, b, n); },
      x, d, centroids, k, min_out);
}

// ... by the features-in-lanes distance.
HWY_INLINE std::int32_t NearestRow(const float* HWY_RESTRICT x, std::size_t d,
                                   const float* HWY_RESTRICT centroids, std::size_t k,
                                   float& min_out) {
  return NearestBy(
      [](const float* a, const float* b, std::size_t n) { return RowSquaredDistance(a, b, n); },
      x, d, centroids, k, min_out);
}

HWY_NOINLINE void AssignExactRows(const float* HWY_RESTRICT points, std::size_t n,
                                  std::size_t d, const float* HWY_RESTRICT centroids,
                                  std::size_t k, std::int32_t* HWY_RESTRICT labels,
                                  float* HWY_RESTRICT min_dist) {
  for (std::size_t i = 0; i < n; ++i)
    labels[i] = NearestRow(points + i * d, d, centroids, k, min_dist[i]);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_EXACT_INL_H_
