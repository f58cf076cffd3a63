// Hartigan refinement (refine.hpp). Moving x (weight w) from cluster a (weight W_a, mean c_a) to
// b changes the inertia by W_b / (W_b + w) |x - c_b|^2 - W_a / (W_a - w) |x - c_a|^2 (the means
// follow the point), so a move is made only when that is negative, by a relative margin that
// keeps rounding from undoing it: every move lowers the partition's inertia, and no sweep can
// cycle. The means are kept in float64 and recomputed from exact sums at each sweep's start.
// Everything runs on the calling thread in index order: the same bits for any thread count.
#include "refine.hpp"

#include <cstring>
#include <limits>

#include "assign_pass.hpp"
#include "tinykm/config.hpp"

#if !TINYKM_COMPACT_CODE  // compact (firmware) builds do not refine: nothing here
namespace tinykm::detail {

namespace {

// A move must gain more than this fraction of the point's cost in its own cluster.
constexpr double move_margin = 1e-10;

double wide(float v) noexcept { return static_cast<double>(v); }

// Every point's nearest centre (the assign kernel's label) into s.refine_labels.
void label_points(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                  fit_scratch& s) {
  kernels::prepare_centroids(s.centroids, k, data.d, s.prepared);
  for (std::size_t start = 0; start < data.n; start += block_points) {
    const std::size_t count = data.n - start < block_points ? data.n - start : block_points;
    kt.assign(data.points + start * data.d, count, data.d, s.centroids, s.prepared, k,
              s.refine_labels + start, s.block_dists);
  }
}

void mean_of(const fit_scratch& s, std::size_t c, std::size_t d) noexcept {
  if (s.weight_sums[c] == 0.0) return;  // empty: no mean (the centre stays Lloyd's)
  for (std::size_t j = 0; j < d; ++j) s.refine_means[c * d + j] = s.sums[c * d + j] / s.weight_sums[c];
}

// The clusters' weighted sums, weights and means from the labels, in index order.
void sum_clusters(const dataset& data, std::size_t k, fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  std::memset(s.sums, 0, k * d * sizeof(double));
  std::memset(s.weight_sums, 0, k * sizeof(double));
  for (std::size_t i = 0; i < data.n; ++i) {
    const auto c = static_cast<std::size_t>(s.refine_labels[i]);
    const double w = weight_of(data, i);
    for (std::size_t j = 0; j < d; ++j) s.sums[c * d + j] += w * wide(data.points[i * d + j]);
    s.weight_sums[c] += w;
  }
  for (std::size_t c = 0; c < k; ++c) mean_of(s, c, d);
}

// |x - c|^2, or some partial sum above `limit` once one is (the caller then rejects it).
double distance_within(const float* x, const double* c, std::size_t d, double limit) noexcept {
  double sum = 0.0;
  std::size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    const double a = wide(x[j]) - c[j], b = wide(x[j + 1]) - c[j + 1];
    const double e = wide(x[j + 2]) - c[j + 2], f = wide(x[j + 3]) - c[j + 3];
    sum += (a * a + b * b) + (e * e + f * f);
    if (sum > limit) return sum;
  }
  for (; j < d; ++j) sum += (wide(x[j]) - c[j]) * (wide(x[j]) - c[j]);
  return sum;
}

// The cluster point i should move to, or `a` (its own) when no move gains.
std::size_t best_move(const dataset& data, std::size_t k, const fit_scratch& s, std::size_t i,
                      std::size_t a, double w) noexcept {
  const std::size_t d = data.d;
  const float* x = data.points + i * d;
  const double rest = s.weight_sums[a] - w;
  if (!(rest > 0.0)) return a;  // its cluster's only point: moving it would empty the cluster
  const double all = std::numeric_limits<double>::infinity();
  const double own = s.weight_sums[a] / rest * distance_within(x, s.refine_means + a * d, d, all);
  double best = own * (1.0 - move_margin);
  std::size_t to = a;
  for (std::size_t b = 0; b < k; ++b) {
    const double wb = s.weight_sums[b];
    if (b == a || wb == 0.0) continue;  // empty clusters stay empty (the policy's business)
    const double scale = wb / (wb + w);
    const double cost = scale * distance_within(x, s.refine_means + b * d, d, best / scale);
    if (cost < best) {
      best = cost;
      to = b;
    }
  }
  return to;
}

// Moves point i (weight w, at x) from a to b: sums, weights and both means.
void move_point(const dataset& data, fit_scratch& s, std::size_t i, std::size_t a,
                std::size_t b, double w) noexcept {
  const std::size_t d = data.d;
  const float* x = data.points + i * d;
  for (std::size_t j = 0; j < d; ++j) {
    s.sums[a * d + j] -= w * wide(x[j]);
    s.sums[b * d + j] += w * wide(x[j]);
  }
  s.weight_sums[a] -= w;
  s.weight_sums[b] += w;
  mean_of(s, a, d);
  mean_of(s, b, d);
  s.refine_labels[i] = static_cast<std::int32_t>(b);
}

// One sweep over the points in index order; returns the moves made.
std::uint64_t sweep(const dataset& data, std::size_t k, fit_scratch& s) noexcept {
  std::uint64_t moves = 0;
  for (std::size_t i = 0; i < data.n; ++i) {
    const auto a = static_cast<std::size_t>(s.refine_labels[i]);
    const double w = weight_of(data, i);
    const std::size_t b = best_move(data, k, s, i, a, w);
    if (b == a) continue;
    move_point(data, s, i, a, b, w);
    ++moves;
  }
  return moves;
}

}  // namespace

void refine_hartigan(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     fit_scratch& s, lloyd_outcome& out) {
  label_points(kt, data, k, s);
  std::uint64_t moves = 0;
  for (std::uint32_t round = 0; round < refine_max_sweeps; ++round) {
    sum_clusters(data, k, s);  // exact sums each sweep: no drift from the moves' updates
    const std::uint64_t moved = sweep(data, k, s);
    moves += moved;
    if (moved == 0) break;
  }
  if (moves == 0) return;  // Lloyd's centres are Hartigan-stable: nothing changes
  sum_clusters(data, k, s);
  const std::size_t kd = k * data.d;
  std::memcpy(s.refine_backup, s.centroids, kd * sizeof(float));
  for (std::size_t c = 0; c < k; ++c)
    if (s.weight_sums[c] != 0.0)
      for (std::size_t j = 0; j < data.d; ++j)
        s.centroids[c * data.d + j] = static_cast<float>(s.refine_means[c * data.d + j]);
  const double inertia = assign_pass(kt, data, s.centroids, k, s, nullptr, nullptr);
  if (inertia < out.inertia) {
    out.inertia = inertia;
    out.refine_moves = moves;
  } else {
    std::memcpy(s.centroids, s.refine_backup, kd * sizeof(float));  // rounding ate the gain
  }
}

}  // namespace tinykm::detail
#endif
