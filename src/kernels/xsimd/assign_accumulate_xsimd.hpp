// xsimd assign + accumulate for d <= 4, k <= 16, no weights (kernels.hpp: assign_accumulate_sig),
// templated on the architecture A like the other kernels: assign_small_d<A, D> over the block,
// then the lane rule's walk (accumulate_lanes_fixed<A, D>) over all k clusters (kernels.hpp:
// clusters past the largest label add +0.0 only), so the labels need no scan for their largest.
// The same labels, min_dist and sums bits as assign then accumulate. Measured (Zen 4): keeping
// the lane sums in registers per cluster (a masked add per cluster, feature and 16 points) or
// adding each tile's points right after its assign were both slower than this.
#pragma once

#include "accumulate_xsimd.hpp"
#include "assign_xsimd.hpp"

namespace tinykm::kernels::xs {

template <class A, std::size_t D>
void assign_accumulate_fixed(const float* points, std::size_t n, const float* centroids,
                             std::size_t k, std::int32_t* labels, float* min_dist, double* sums,
                             double* weight_sums) noexcept {
  assign_small_d<A, D>(points, n, D, centroids, k, labels, min_dist);
  accumulate_lanes_fixed<A, D>(points, n, labels, k, sums, weight_sums);
}

template <class A>
void assign_accumulate(const float* points, std::size_t n, std::size_t d, const float* centroids,
                       const float*, std::size_t k, std::int32_t* labels, float* min_dist,
                       double* sums, double* weight_sums) {
  switch (d) {
    case 1:
      return assign_accumulate_fixed<A, 1>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    case 2:
      return assign_accumulate_fixed<A, 2>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    case 3:
      return assign_accumulate_fixed<A, 3>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    default:
      return assign_accumulate_fixed<A, 4>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
  }
}

}  // namespace tinykm::kernels::xs
