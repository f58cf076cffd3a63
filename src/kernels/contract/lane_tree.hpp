// The fixed tree that ends every summing block (inertia, k-means++ potentials): eight double
// lanes, term j of a block in lane j % 8, combined as ((l0 + l1) + (l2 + l3)) + ((l4 + l5) +
// (l6 + l7)). Written once: the kernels, their scalar reference and the batch layer must give
// the same bits.
#pragma once

#include <cstddef>

namespace tinykm::kernels {

inline constexpr std::size_t tree_lanes = 8;

// Lane l is lane[l * stride].
inline double lane_tree(const double* lane, std::size_t stride = 1) noexcept {
  return ((lane[0] + lane[stride]) + (lane[2 * stride] + lane[3 * stride])) +
         ((lane[4 * stride] + lane[5 * stride]) + (lane[6 * stride] + lane[7 * stride]));
}

}  // namespace tinykm::kernels
