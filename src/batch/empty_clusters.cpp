#include "empty_clusters.hpp"

#include "empty_cluster_steps.hpp"

namespace tinykm::detail {

namespace {

// scikit-learn's rule: the m empty clusters take the m points farthest from their nearest centre
// (ties: lowest index), the farthest into the lowest-numbered; each such point's weight leaves
// its old cluster. group_sums (free between passes) holds the rebuilt sums.
void relocate_farthest(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                       std::size_t empties, fit_scratch& s) noexcept {
  const std::size_t found = farthest_points(kt, data, k, empties, s);
  sums_with_moves(
      kt, data, k, found, [&](std::size_t m) { return nth_empty(s.weight_sums, k, m); }, s,
      s.group_sums);
  keep_rebuilt(s.group_sums, k, data.d, s.sums, s.weight_sums);
}

// Each empty cluster moves half-way from the heaviest cluster's mean towards that cluster's
// member farthest from its centre; the heaviest cluster gives half its weight to the new one.
// A cluster is split at most once per pass (its farthest member is used up).
void split_largest(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                   fit_scratch& s) noexcept {
  farthest_member(kt, data, k, s);
  for (std::size_t e = 0; e < k; ++e) {
    if (s.weight_sums[e] != 0.0) continue;
    const std::size_t heavy = heaviest_splittable(k, s.far_dist, s.weight_sums);
    if (heavy == k) return;  // no cluster has a member away from its centre: nothing to split
    s.far_dist[heavy] = -1.0f;
    const float* far = data.points + static_cast<std::size_t>(s.far_index[heavy]) * data.d;
    split_cluster(heavy, e, far, data.d, s.sums, s.weight_sums);
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
