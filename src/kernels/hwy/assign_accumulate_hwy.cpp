// assign + accumulate in one call for d <= 4, k <= 16, no weights (kernels.hpp:
// assign_accumulate_sig), every Highway target with double lanes: the call's points assigned pair
// of tiles by pair (AssignSmallFixed's AssignTwoTilesFixed, assign_small_d-inl.h: the same labels
// and min_dist), then accumulate's lane rows over them (AccumulateLanes, accumulate-inl.h: the
// same sums bits). Measured (Zen 4, AVX3, 1 thread, sensor-3d / colour-quant, against this):
// adding each pair's 32 points to the lane rows right after its assign, 1.3x / 1.15x slower; per
// 256-point sub-block, keeping its tiles and labels in L1 and summing two clusters at a time
// with one masked add per tile and feature (lanes = the lane rule's 16 lanes, lane tree in
// registers), 1.0x / 1.1x slower: the masked adds and trees take the vector pipes the assign
// needs, which the row adds (128-bit, loads and stores) mostly do not.
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
