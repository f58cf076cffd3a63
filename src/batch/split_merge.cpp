// Split-and-merge refinement (refine.hpp; after I-k-means-+, Ismkhan 2018): Lloyd stops where
// two centres share one blob while one centre covers two, and no single-point move fixes that.
// An attempt takes the centre whose cluster merges into another at the least cost (Ward's
// W_a W_b / (W_a + W_b) |c_a - c_b|^2) and puts it inside the cluster with the largest SSE, then
// runs Lloyd to convergence; it is kept only when the inertia drops.
// Bits: the labels come from the assign kernel (the same on every backend), the sums from float64
// in index order on this thread, and Lloyd is bit-identical for any thread count and backend;
// the kept/undone decision compares float64 inertias of those labels with a margin wider than
// any backend's float32 rounding, so each backend's own inertia drops too.
#include <cstring>
#include <limits>

#include "refine.hpp"

#if !TINYKM_COMPACT_CODE  // compact (firmware) builds do not refine: nothing here
namespace tinykm::detail {

namespace {

double squared_distance(const float* x, const float* c, std::size_t d) noexcept {
  double sum = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double t = static_cast<double>(x[j]) - static_cast<double>(c[j]);
    sum += t * t;
  }
  return sum;
}

// Per cluster of s.centroids, by the kernel's labels (into s.refine_labels): its SSE to its
// centre in float64 (s.refine_costs[0, k)) and its weight ([k, 2k)). Returns the summed SSE.
double cluster_stats(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     fit_scratch& s) {
  label_points(kt, data, k, s);
  double* sse = s.refine_costs;
  double* weight = s.refine_costs + k;
  for (std::size_t c = 0; c < 2 * k; ++c) s.refine_costs[c] = 0.0;
  for (std::size_t i = 0; i < data.n; ++i) {
    const auto c = static_cast<std::size_t>(s.refine_labels[i]);
    const double w = weight_of(data, i);
    sse[c] += w * squared_distance(data.points + i * data.d, s.centroids + c * data.d, data.d);
    weight[c] += w;
  }
  double total = 0.0;
  for (std::size_t c = 0; c < k; ++c) total += sse[c];
  return total;
}

// Ward's cost of merging cluster a into its cheapest partner.
double merge_cost(std::size_t k, std::size_t d, const fit_scratch& s, std::size_t a) noexcept {
  const double* weight = s.refine_costs + k;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < k; ++b) {
    if (b == a) continue;
    const double both = weight[a] + weight[b];
    const double cost = both > 0.0 ? weight[a] * weight[b] / both *
                                         squared_distance(s.centroids + a * d, s.centroids + b * d, d)
                                   : 0.0;
    best = cost < best ? cost : best;
  }
  return best;
}

// The untried cluster cheapest to merge away (ties: the lower index), or k when none is left.
std::size_t pick_removal(std::size_t k, std::size_t d, const fit_scratch& s) noexcept {
  std::size_t best = k;
  double best_cost = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    if (s.refine_changed[c] != 0) continue;
    const double cost = merge_cost(k, d, s, c);
    if (best == k || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

// The cluster other than r with the largest SSE (ties: the lower index), or k when every other
// cluster has none.
std::size_t pick_split(std::size_t k, std::size_t r, const fit_scratch& s) noexcept {
  const double* sse = s.refine_costs;
  std::size_t best = k;
  for (std::size_t c = 0; c < k; ++c)
    if (c != r && sse[c] > 0.0 && (best == k || sse[c] > sse[best])) best = c;
  return best;
}

// Moves centre r half-way from centre q towards q's member farthest from it (ties: the lower
// index): inside q's cluster, on the side along which Lloyd will split it.
void place_inside(const dataset& data, std::size_t r, std::size_t q, fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  const float* cq = s.centroids + q * d;
  double far = -1.0;
  std::size_t at = 0;
  for (std::size_t i = 0; i < data.n; ++i) {
    if (static_cast<std::size_t>(s.refine_labels[i]) != q) continue;
    const double dist = squared_distance(data.points + i * d, cq, d);
    if (dist > far) {
      far = dist;
      at = i;
    }
  }
  const float* x = data.points + at * d;
  for (std::size_t j = 0; j < d; ++j)
    s.centroids[r * d + j] =
        static_cast<float>(0.5 * (static_cast<double>(cq[j]) + static_cast<double>(x[j])));
}

}  // namespace

void refine_split_merge(const kernels::kernel_table& kt, const dataset& data,
                        const fit_params& params, double scaled_tol, fit_scratch& s,
                        lloyd_outcome& out) {
  const std::size_t k = params.k, d = data.d, kd = k * d;
  if (k < 2) return;
  // A backend's inertia is within (d + 3) 2^-24 (relative) of the float64 one of the same
  // labels (kernels.hpp: min_dist is (x - c)^2 rounded in float32): a drop wider than twice that
  // is a drop on every backend.
  const double keep_below = 1.0 - 4.0 * static_cast<double>(d + 4) * 0x1p-24;
  double current = cluster_stats(kt, data, k, s);
  std::memset(s.refine_changed, 0, k * sizeof(std::uint64_t));  // 1: tried since the last gain
  std::uint32_t failures = 0;
  for (std::uint32_t attempt = 0; attempt < split_merge_max_attempts; ++attempt) {
    const std::size_t r = pick_removal(k, d, s);
    const std::size_t q = r == k ? k : pick_split(k, r, s);
    if (q == k) return;
    std::memcpy(s.refine_backup, s.centroids, kd * sizeof(float));
    place_inside(data, r, q, s);
    const lloyd_outcome trial = run_lloyd(kt, data, params, scaled_tol, s);
    const double now = cluster_stats(kt, data, k, s);
    if (now < current * keep_below) {
      current = now;
      out.inertia = trial.inertia;
      out.converged = trial.converged;
      out.empty_clusters += trial.empty_clusters;  // an undone attempt's leave no trace
      std::memset(s.refine_changed, 0, k * sizeof(std::uint64_t));
      failures = 0;
      continue;
    }
    std::memcpy(s.centroids, s.refine_backup, kd * sizeof(float));
    if (++failures == split_merge_max_failures || attempt + 1 == split_merge_max_attempts) return;
    cluster_stats(kt, data, k, s);  // the labels and sums of the centres put back
    s.refine_changed[r] = 1;
  }
}

}  // namespace tinykm::detail
#endif
