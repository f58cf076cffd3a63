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

// The untried cluster cheapest to merge away (ties: the lower index), or k when none is left;
// its cost into best_cost.
std::size_t pick_removal(std::size_t k, std::size_t d, const fit_scratch& s,
                         double& best_cost) noexcept {
  std::size_t best = k;
  best_cost = 0.0;
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

// Two-means inside cluster q alone, from centres q and r (place_inside), for split_rounds
// passes over q's members; leaves the two means in centres q and r. Returns the SSE of the last
// pass's split, which the last move of the means only lowers: q's SSE minus it is a gain that
// the split reaches. Sums in s.sums / s.weight_sums (Lloyd's, free here: k >= 2).
double split_locally(const dataset& data, std::size_t q, std::size_t r, fit_scratch& s) noexcept {
  constexpr int split_rounds = 3;
  const std::size_t d = data.d;
  const std::size_t side_of[2] = {q, r};
  double sse = 0.0;
  for (int round = 0; round < split_rounds; ++round) {
    for (std::size_t j = 0; j < 2 * d; ++j) s.sums[j] = 0.0;
    s.weight_sums[0] = s.weight_sums[1] = 0.0;
    sse = 0.0;
    for (std::size_t i = 0; i < data.n; ++i) {
      if (static_cast<std::size_t>(s.refine_labels[i]) != q) continue;
      const float* x = data.points + i * d;
      const double to_q = squared_distance(x, s.centroids + q * d, d);
      const double to_r = squared_distance(x, s.centroids + r * d, d);
      const std::size_t side = to_r < to_q ? 1 : 0;
      const double w = weight_of(data, i);
      sse += w * (side == 1 ? to_r : to_q);
      for (std::size_t j = 0; j < d; ++j) s.sums[side * d + j] += w * static_cast<double>(x[j]);
      s.weight_sums[side] += w;
    }
    for (std::size_t side = 0; side < 2; ++side)
      if (s.weight_sums[side] > 0.0)
        for (std::size_t j = 0; j < d; ++j)
          s.centroids[side_of[side] * d + j] =
              static_cast<float>(s.sums[side * d + j] / s.weight_sums[side]);
  }
  return sse;
}

// What the attempts share: the float64 inertia of the current centres and the margin a new one
// must undercut. A backend's inertia is within (d + 3) 2^-24 (relative) of the float64 one of
// the same labels (kernels.hpp: min_dist is (x - c)^2 rounded in float32): a drop wider than
// twice that is a drop on every backend.
struct attempt_state {
  double current;
  double keep_below;
};

// Lloyd (tol: scaled_tol) from s.centroids, whose previous value s.refine_backup holds; kept
// when the inertia drops (then out follows), else undone. Either way s.refine_labels and
// s.refine_costs end up describing s.centroids. Returns whether it was kept.
bool try_lloyd(const kernels::kernel_table& kt, const dataset& data, const fit_params& params,
               double scaled_tol, fit_scratch& s, lloyd_outcome& out, attempt_state& at) {
  const std::size_t k = params.k;
  const lloyd_outcome trial = run_lloyd(kt, data, params, scaled_tol, s);
  const double now = cluster_stats(kt, data, k, s);
  if (now < at.current * at.keep_below) {
    at.current = now;
    out.inertia = trial.inertia;
    out.converged = trial.converged;
    out.empty_clusters += trial.empty_clusters;  // an undone attempt leaves no trace
    return true;
  }
  std::memcpy(s.centroids, s.refine_backup, k * data.d * sizeof(float));
  cluster_stats(kt, data, k, s);
  return false;
}

// The split-and-merge attempts (refine.hpp).
void split_and_merge(const kernels::kernel_table& kt, const dataset& data,
                     const fit_params& params, double scaled_tol, fit_scratch& s,
                     lloyd_outcome& out, attempt_state& at) {
  const std::size_t k = params.k, d = data.d;
  std::memset(s.refine_changed, 0, k * sizeof(std::uint64_t));  // 1: tried since the last gain
  std::uint32_t failures = 0;
  for (std::uint32_t attempt = 0; attempt < split_merge_max_attempts; ++attempt) {
    double merge = 0.0;
    const std::size_t r = pick_removal(k, d, s, merge);
    const std::size_t q = r == k ? k : pick_split(k, r, s);
    if (q == k) return;
    std::memcpy(s.refine_backup, s.centroids, k * d * sizeof(float));
    place_inside(data, r, q, s);
    // Merging costs at least as much as splitting gains: the next candidates, dearer to merge
    // away, promise no more (most fits end here, without a Lloyd run).
    if (!(s.refine_costs[q] - split_locally(data, q, r, s) > merge)) {
      std::memcpy(s.centroids, s.refine_backup, k * d * sizeof(float));
      return;
    }
    if (try_lloyd(kt, data, params, scaled_tol, s, out, at)) {
      std::memset(s.refine_changed, 0, k * sizeof(std::uint64_t));
      failures = 0;
      continue;
    }
    if (++failures == split_merge_max_failures) return;
    s.refine_changed[r] = 1;
  }
}

}  // namespace

void refine_split_merge(const kernels::kernel_table& kt, const dataset& data,
                        const fit_params& params, double scaled_tol, fit_scratch& s,
                        lloyd_outcome& out) {
  const std::size_t k = params.k;
  if (k < 2) return;
  attempt_state at{cluster_stats(kt, data, k, s),
                   1.0 - 4.0 * static_cast<double>(data.d + 4) * 0x1p-24};
  split_and_merge(kt, data, params, scaled_tol, s, out, at);
  // tol stops Lloyd short of its fixed point; a last run with a finer one polishes the centres.
  std::memcpy(s.refine_backup, s.centroids, k * data.d * sizeof(float));
  try_lloyd(kt, data, params, scaled_tol * split_merge_polish_tol, s, out, at);
}

}  // namespace tinykm::detail
#endif
