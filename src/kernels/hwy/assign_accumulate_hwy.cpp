// assign + accumulate in one sweep for d <= 4, k <= 16, no weights (kernels.hpp:
// assign_accumulate_sig), every Highway target with double lanes. Per pair of tiles: assigned
// by AssignSmallFixed's AssignTwoTilesFixed (assign_small_d-inl.h: the same labels and
// min_dist), then its points added to accumulate's lane rows (LaneRows, accumulate-inl.h: the
// same sums bits) while they are in L1. The assign, bound by vector arithmetic, and the row
// adds, bound by loads and stores, sit side by side in the instruction stream and overlap,
// where the two kernels one after the other run each alone.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "assign_accumulate_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "accumulate-inl.h"
#include "assign_small_d-inl.h"
#include "entry_points.hpp"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_HAVE_FLOAT64

// The last rest < 2N points of a sub-block, through a zero-padded copy so that no load or store
// runs past the arrays.
template <std::size_t D, class DF>
HWY_NOINLINE void AssignLastPoints(DF df, const float* HWY_RESTRICT points, std::size_t rest,
                                   const float* HWY_RESTRICT centroids, std::size_t k,
                                   std::int32_t* HWY_RESTRICT labels,
                                   float* HWY_RESTRICT min_dist) {
  HWY_ALIGN float tile[2 * 4 * hn::MaxLanes(df)] = {};
  HWY_ALIGN std::int32_t tile_labels[2 * hn::MaxLanes(df)];
  HWY_ALIGN float tile_dist[2 * hn::MaxLanes(df)];
  for (std::size_t f = 0; f < rest * D; ++f) tile[f] = points[f];
  AssignTwoTilesFixed<D>(df, tile, centroids, k, tile_labels, tile_dist);
  for (std::size_t p = 0; p < rest; ++p) {
    labels[p] = tile_labels[p];
    min_dist[p] = tile_dist[p];
  }
}

// The assign of the whole call, pair of tiles by pair, then accumulate's walk over it with all
// k clusters (kernels.hpp: clusters past the largest label add +0.0 only), so the labels need
// no scan for their largest.
template <std::size_t D>
HWY_NOINLINE void AssignAccumulateFixed(const float* HWY_RESTRICT points, std::size_t n,
                                        const float* HWY_RESTRICT centroids, std::size_t k,
                                        std::int32_t* HWY_RESTRICT labels,
                                        float* HWY_RESTRICT min_dist, double* HWY_RESTRICT sums,
                                        double* HWY_RESTRICT weight_sums) {
  const hn::ScalableTag<float> df;
  const std::size_t pair = 2 * hn::Lanes(df);
  std::size_t i = 0;
  for (; i + pair <= n; i += pair)
    AssignTwoTilesFixed<D>(df, points + i * D, centroids, k, labels + i, min_dist + i);
  if (i < n) AssignLastPoints<D>(df, points + i * D, n - i, centroids, k, labels + i, min_dist + i);
  AccumulateLanes<D>(points, n, labels, k, sums, weight_sums);
}

#endif  // HWY_HAVE_FLOAT64

void AssignAccumulate(const float* points, std::size_t n, std::size_t d, const float* centroids,
                      const float* prepared, std::size_t k, std::int32_t* labels,
                      float* min_dist, double* sums, double* weight_sums) {
#if HWY_HAVE_FLOAT64
  (void)prepared;
  switch (d) {
    case 1:
      return AssignAccumulateFixed<1>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    case 2:
      return AssignAccumulateFixed<2>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    case 3:
      return AssignAccumulateFixed<3>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    default:
      return AssignAccumulateFixed<4>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
  }
#else  // no double lanes (armv7 NEON): the two kernels
  assign_hwy(points, n, d, centroids, prepared, k, labels, min_dist);
  accumulate_hwy(points, nullptr, n, d, labels, sums, weight_sums);
#endif
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace tinykm::kernels {

HWY_EXPORT(AssignAccumulate);

void assign_accumulate_hwy(const float* points, std::size_t n, std::size_t d,
                           const float* centroids, const float* prepared, std::size_t k,
                           std::int32_t* labels, float* min_dist, double* sums,
                           double* weight_sums) {
  HWY_DYNAMIC_DISPATCH(AssignAccumulate)(points, n, d, centroids, prepared, k, labels, min_dist,
                                         sums, weight_sums);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
