// How inertia is summed, the same on the calling thread and in parallel tasks: per chunk of
// parallel_chunk_points points, point i of the chunk into lane i % 8, lanes combined in a fixed
// tree at the chunk's end, chunks added in order. Eight lanes keep the double additions from
// forming one long dependency chain (a 4-cycle add per point would cost about 1 ms per
// million points), and the fixed layout keeps the result independent of threads and blocks.
#pragma once

#include <cstddef>

#include "lane_tree.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

inline constexpr std::size_t inertia_lanes = kernels::tree_lanes;
static_assert(block_points % inertia_lanes == 0, "blocks must start on a lane boundary");

class chunk_inertia_sum {
 public:
  // Adds w_i x dist_i of one block; the block starts a multiple of block_points into the chunk.
  void add(const float* weights, const float* dist, std::size_t count) noexcept {
    std::size_t i = 0;
    for (; i + inertia_lanes <= count; i += inertia_lanes)
      for (std::size_t l = 0; l < inertia_lanes; ++l) lane_[l] += term(weights, dist, i + l);
    for (std::size_t l = 0; i < count; ++i, ++l) lane_[l] += term(weights, dist, i);
  }

  double total() const noexcept { return kernels::lane_tree(lane_); }

  // add(nullptr, dist, count), the same sums (1.0 * dist is dist), in a loop without a weight
  // that the compiler vectorises (a second loop: hosts only, kernels::compact_code).
  void add_unweighted(const float* dist, std::size_t count) noexcept {
    std::size_t i = 0;
    for (; i + inertia_lanes <= count; i += inertia_lanes)
      for (std::size_t l = 0; l < inertia_lanes; ++l) lane_[l] += static_cast<double>(dist[i + l]);
    for (std::size_t l = 0; i < count; ++i, ++l) lane_[l] += static_cast<double>(dist[i]);
  }

 private:
  static double term(const float* weights, const float* dist, std::size_t i) noexcept {
    return (weights ? static_cast<double>(weights[i]) : 1.0) * static_cast<double>(dist[i]);
  }
  double lane_[inertia_lanes] = {};
};

}  // namespace tinykm::detail
