#include "empty_clusters.hpp"

#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

// Re-runs the assignment against s.centroids block by block and calls visit(point, label, dist).
template <typename Visit>
void for_each_assignment(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                         fit_scratch& s, Visit visit) noexcept {
  for (std::size_t start = 0; start < data.n; start += block_points) {
    const std::size_t count = data.n - start < block_points ? data.n - start : block_points;
    kt.assign(data.points + start * data.d, count, data.d, s.centroids, s.prepared, k,
              s.block_labels, s.block_dists);
    for (std::size_t i = 0; i < count; ++i)
      visit(start + i, static_cast<std::size_t>(s.block_labels[i]), s.block_dists[i]);
  }
}

// scikit-learn's rule: the m empty clusters take the m points farthest from their nearest centre
// (ties: lowest index); each such point's weight moves from its old cluster to the empty one.
void relocate_farthest(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                       std::size_t empties, fit_scratch& s) noexcept {
  std::size_t found = 0;  // s.far_index/far_dist hold the `found` farthest so far, descending
  for_each_assignment(kt, data, k, s, [&](std::size_t i, std::size_t, float dist) {
    if (found == empties && !(dist > s.far_dist[found - 1])) return;
    std::size_t pos = found < empties ? found++ : empties - 1;
    while (pos > 0 && s.far_dist[pos - 1] < dist) {
      s.far_dist[pos] = s.far_dist[pos - 1];
      s.far_index[pos] = s.far_index[pos - 1];
      --pos;
    }
    s.far_dist[pos] = dist;
    s.far_index[pos] = static_cast<std::uint32_t>(i);
  });

  const std::size_t d = data.d;
  std::size_t next = 0;
  for (std::size_t e = 0; e < k && next < found; ++e) {
    if (s.weight_sums[e] != 0.0) continue;
    const std::size_t i = s.far_index[next++];
    std::int32_t old_label = 0;
    float unused = 0.0f;
    kt.assign(data.points + i * d, 1, d, s.centroids, s.prepared, k, &old_label, &unused);
    const std::size_t old = static_cast<std::size_t>(old_label);
    const double w = weight_of(data, i);
    for (std::size_t j = 0; j < d; ++j) {
      const double wx = w * static_cast<double>(data.points[i * d + j]);
      s.sums[e * d + j] = wx;
      s.sums[old * d + j] -= wx;
    }
    s.weight_sums[e] = w;
    s.weight_sums[old] -= w;
  }
}

// Each empty cluster moves half-way from the heaviest cluster's mean towards that cluster's
// member farthest from its centre; the heaviest cluster gives half its weight to the new one.
// A cluster is split at most once per pass (its farthest member is used up).
void split_largest(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                   fit_scratch& s) noexcept {
  for (std::size_t c = 0; c < k; ++c) s.far_dist[c] = -1.0f;
  for_each_assignment(kt, data, k, s, [&](std::size_t i, std::size_t label, float dist) {
    if (dist > s.far_dist[label]) {
      s.far_dist[label] = dist;
      s.far_index[label] = static_cast<std::uint32_t>(i);
    }
  });

  const std::size_t d = data.d;
  for (std::size_t e = 0; e < k; ++e) {
    if (s.weight_sums[e] != 0.0) continue;
    std::size_t heavy = k;
    for (std::size_t c = 0; c < k; ++c)
      if (s.far_dist[c] > 0.0f && (heavy == k || s.weight_sums[c] > s.weight_sums[heavy]))
        heavy = c;
    if (heavy == k) return;  // no cluster has a member away from its centre: nothing to split
    s.far_dist[heavy] = -1.0f;
    const double half = s.weight_sums[heavy] / 2.0;
    const float* far = data.points + static_cast<std::size_t>(s.far_index[heavy]) * d;
    for (std::size_t j = 0; j < d; ++j) {
      const double mean = s.sums[heavy * d + j] / s.weight_sums[heavy];
      s.sums[heavy * d + j] /= 2.0;  // same mean, half the weight
      s.sums[e * d + j] = half * (mean + static_cast<double>(far[j])) / 2.0;
    }
    s.weight_sums[heavy] = half;
    s.weight_sums[e] = half;
  }
}

}  // namespace

void repair_empty_clusters(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                           std::size_t empties, empty_cluster_policy policy,
                           fit_scratch& s) noexcept {
  switch (policy) {
    case empty_cluster_policy::keep: break;
    case empty_cluster_policy::relocate_farthest: relocate_farthest(kt, data, k, empties, s); break;
    case empty_cluster_policy::split_largest: split_largest(kt, data, k, s); break;
  }
}

}  // namespace tinykm::detail
