// The steps of empty-cluster repair (empty_clusters.cpp), shared with the distributed fit
// (src/mpi/), which finds the farthest points rank by rank and applies the same edits to its
// reduced sums. Inline, so the single-process repair compiles to one function (firmware size).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "lloyd.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

// Re-runs the assignment against s.centroids block by block (labels and distances in
// s.block_labels / s.block_dists) and calls visit(start, count) for each block.
template <typename Visit>
inline void for_each_block(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                           fit_scratch& s, Visit visit) noexcept {
  for (std::size_t start = 0; start < data.n; start += block_points) {
    const std::size_t count = data.n - start < block_points ? data.n - start : block_points;
    kt.assign(data.points + start * data.d, count, data.d, s.centroids, s.prepared, k,
              s.block_labels, s.block_dists);
    visit(start, count);
  }
}

// The same, calling visit(point, label, dist) for each point.
template <typename Visit>
inline void for_each_assignment(const kernels::kernel_table& kt, const dataset& data,
                                std::size_t k, fit_scratch& s, Visit visit) noexcept {
  for_each_block(kt, data, k, s, [&](std::size_t start, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
      visit(start + i, static_cast<std::size_t>(s.block_labels[i]), s.block_dists[i]);
  });
}

// The `wanted` points farthest from their nearest centre, farthest first (ties: lowest index),
// into s.far_index / s.far_dist; returns how many there are (fewer when n < wanted).
inline std::size_t farthest_points(const kernels::kernel_table& kt, const dataset& data,
                                   std::size_t k, std::size_t wanted, fit_scratch& s) noexcept {
  std::size_t found = 0;
  for_each_assignment(kt, data, k, s, [&](std::size_t i, std::size_t, float dist) {
    if (found == wanted && !(dist > s.far_dist[found - 1])) return;
    std::size_t pos = found < wanted ? found++ : wanted - 1;
    while (pos > 0 && s.far_dist[pos - 1] < dist) {
      s.far_dist[pos] = s.far_dist[pos - 1];
      s.far_index[pos] = s.far_index[pos - 1];
      --pos;
    }
    s.far_dist[pos] = dist;
    s.far_index[pos] = static_cast<std::uint32_t>(i);
  });
  return found;
}

// Which of the first `taken` points farthest_points chose (s.far_index[0, taken)) point i is, or
// `taken` if none. A scan: taken <= k, so it costs less than the assignment of i.
inline std::size_t taken_position(std::size_t i, std::size_t taken, const fit_scratch& s) noexcept {
  std::size_t m = 0;
  while (m < taken && s.far_index[m] != i) ++m;
  return m;
}

// The m-th cluster (from 0) with no weight, or k if there are fewer.
inline std::size_t nth_empty(const double* weight_sums, std::size_t k, std::size_t m) noexcept {
  std::size_t c = 0;
  for (; c < k; ++c)
    if (weight_sums[c] == 0.0 && m-- == 0) break;
  return c;
}

// Every cluster's weighted sum (out[c d + j]) and weight (out[k d + c]) from its members, with
// the first `taken` farthest points moved: the m-th into cluster target(m). Rebuilt rather than
// edited: taking a heavy point's w x out of its old cluster's sum cancels most bits of what
// stays there (weights 2^99 and 2^64 left 16 bits).
template <typename Target>
inline void sums_with_moves(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                            std::size_t taken, Target target, fit_scratch& s,
                            double* out) noexcept {
  const std::size_t d = data.d;
  std::memset(out, 0, k * (d + 1) * sizeof(double));
  for_each_block(kt, data, k, s, [&](std::size_t start, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t m = taken_position(start + i, taken, s);
      if (m < taken) s.block_labels[i] = static_cast<std::int32_t>(target(m));
    }
    kt.accumulate(data.points + start * d, data.weights ? data.weights + start : nullptr, count,
                  d, s.block_labels, out, out + k * d);
  });
}

// The rebuilt sums and weights (out as above) replace sums and weight_sums.
inline void keep_rebuilt(const double* rebuilt, std::size_t k, std::size_t d, double* sums,
                         double* weight_sums) noexcept {
  std::memcpy(sums, rebuilt, k * d * sizeof(double));
  std::memcpy(weight_sums, rebuilt + k * d, k * sizeof(double));
}

// Each cluster's member farthest from its centre: s.far_dist[c] (-1 for an empty cluster) and
// s.far_index[c] (ties: lowest index).
inline void farthest_member(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                            fit_scratch& s) noexcept {
  for (std::size_t c = 0; c < k; ++c) s.far_dist[c] = -1.0f;
  for_each_assignment(kt, data, k, s, [&](std::size_t i, std::size_t label, float dist) {
    if (dist > s.far_dist[label]) {
      s.far_dist[label] = dist;
      s.far_index[label] = static_cast<std::uint32_t>(i);
    }
  });
}

// The heaviest cluster that has a member away from its centre (far_dist > 0), or k if none.
template <typename Dist>
inline std::size_t heaviest_splittable(std::size_t k, const Dist* far_dist,
                                       const double* weight_sums) noexcept {
  std::size_t heavy = k;
  for (std::size_t c = 0; c < k; ++c)
    if (far_dist[c] > 0 && (heavy == k || weight_sums[c] > weight_sums[heavy])) heavy = c;
  return heavy;
}

// Empty cluster `to` moves half-way from cluster `heavy`'s mean towards that cluster's member
// `far`; `heavy` gives it half its weight.
inline void split_cluster(std::size_t heavy, std::size_t to, const float* far, std::size_t d,
                          double* sums, double* weight_sums) noexcept {
  const double half = weight_sums[heavy] / 2.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double mean = sums[heavy * d + j] / weight_sums[heavy];
    sums[heavy * d + j] /= 2.0;  // same mean, half the weight
    sums[to * d + j] = half * (mean + static_cast<double>(far[j])) / 2.0;
  }
  weight_sums[heavy] = half;
  weight_sums[to] = half;
}

}  // namespace tinykm::detail
