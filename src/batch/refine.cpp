// Hartigan refinement (refine.hpp). Moving x (weight w) from cluster a (weight W_a, mean c_a) to
// b changes the inertia by W_b / (W_b + w) |x - c_b|^2 - W_a / (W_a - w) |x - c_a|^2 (the means
// follow the point), so a move is made only when that is negative, by a relative margin that
// keeps rounding from undoing it: every move lowers the partition's inertia, and no sweep can
// cycle. The means are kept in float64 and recomputed from exact sums at each sweep's start.
// Everything runs on the calling thread in index order: the same bits for any thread count.
#include "refine.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "assign_pass.hpp"
#include "bounded_lloyd.hpp"
#include "tinykm/config.hpp"

#if !TINYKM_COMPACT_CODE  // compact (firmware) builds do not refine: nothing here
namespace tinykm::detail {

void label_points(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                  fit_scratch& s) {
  kernels::prepare_centroids(s.centroids, k, data.d, s.prepared);
  for (std::size_t start = 0; start < data.n; start += block_points) {
    const std::size_t count = data.n - start < block_points ? data.n - start : block_points;
    kt.assign(data.points + start * data.d, count, data.d, s.centroids, s.prepared, k,
              s.refine_labels + start, s.block_dists);
  }
}

namespace {

// A move must gain more than this fraction of the point's cost in its own cluster.
constexpr double move_margin = 1e-10;

double wide(float v) noexcept { return static_cast<double>(v); }

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

// Float copies of the means for the distances kernel (empty clusters: their centre) into
// s.refine_backup; returns an upper bound of how far any copy is from its mean.
double float_means(std::size_t k, std::size_t d, fit_scratch& s) noexcept {
  double worst = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    double off = 0.0;
    for (std::size_t j = 0; j < d; ++j) {
      const std::size_t at = c * d + j;
      if (s.weight_sums[c] == 0.0) {
        s.refine_backup[at] = s.centroids[at];  // no mean; any finite value serves
        continue;
      }
      s.refine_backup[at] = static_cast<float>(s.refine_means[at]);
      const double t = wide(s.refine_backup[at]) - s.refine_means[at];
      off += t * t;
    }
    worst = off > worst ? off : worst;
  }
  return std::sqrt(worst) * (1.0 + 1e-12);
}

// A lower bound of W_b / (W_b + w) |x - c_b|^2 over every other non-empty cluster b, from the
// kernel's float distances `row` to the float means and `travel` (how far any mean may be from
// its float copy). The kernel's exact form is within g D + F of the real squared distance D
// (bounded_lloyd.cpp), and r = 4 (d + 8) 2^-24 covers g and the roundings here.
double move_floor(const float* row, std::size_t k, std::size_t d, const fit_scratch& s,
                  std::size_t a, double w, double travel) noexcept {
  float nearest = std::numeric_limits<float>::infinity();
  double lightest = std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < k; ++b) {
    if (b == a || s.weight_sums[b] == 0.0) continue;
    nearest = row[b] < nearest ? row[b] : nearest;
    lightest = s.weight_sums[b] < lightest ? s.weight_sums[b] : lightest;
  }
  if (!(lightest < std::numeric_limits<double>::infinity())) return lightest;  // no other cluster
  const double r = 4.0 * static_cast<double>(d + 8) * 0x1p-24;
  const double gap = std::sqrt(wide(nearest) * (1.0 - r)) * (1.0 - 1e-12) - 0x1p-60 - travel;
  if (!(gap > 0.0)) return 0.0;
  return lightest / (lightest + w) * gap * gap * (1.0 - 1e-11);
}

// The cluster point i should move to, or `a` (its own) when no move gains. `floor` bounds the
// cost of every other cluster from below: when it reaches the own cost no cluster is scanned.
// Only clusters changed at step `since` or later are scanned (since 0: all).
std::size_t best_move(const dataset& data, std::size_t k, const fit_scratch& s, std::size_t i,
                      std::size_t a, double w, double floor, std::uint64_t since) noexcept {
  const std::size_t d = data.d;
  const float* x = data.points + i * d;
  const double rest = s.weight_sums[a] - w;
  if (!(rest > 0.0)) return a;  // its cluster's only point: moving it would empty the cluster
  const double all = std::numeric_limits<double>::infinity();
  const double own = s.weight_sums[a] / rest * distance_within(x, s.refine_means + a * d, d, all);
  double best = own * (1.0 - move_margin);
  if (floor >= best) return a;
  std::size_t to = a;
  for (std::size_t b = 0; b < k; ++b) {
    const double wb = s.weight_sums[b];
    // Empty clusters stay empty (the policy's business).
    if (b == a || wb == 0.0 || s.refine_changed[b] < since) continue;
    const double scale = wb / (wb + w);
    const double cost = scale * distance_within(x, s.refine_means + b * d, d, best / scale);
    if (cost < best) {
      best = cost;
      to = b;
    }
  }
  return to;
}

// Recomputes the mean of c from its sums; returns how far it moved (rounded up).
double remean(fit_scratch& s, std::size_t c, std::size_t d) noexcept {
  double moved = 0.0;
  for (std::size_t j = 0; j < d; ++j) {
    const double was = s.refine_means[c * d + j];
    const double now = s.sums[c * d + j] / s.weight_sums[c];
    moved += (now - was) * (now - was);
    s.refine_means[c * d + j] = now;
  }
  return std::sqrt(moved) * (1.0 + 1e-12);
}

// Moves point i (weight w, at x) from a to b: sums, weights and both means. Returns an upper
// bound of the distance either mean moved.
double move_point(const dataset& data, fit_scratch& s, std::size_t i, std::size_t a,
                  std::size_t b, double w) noexcept {
  const std::size_t d = data.d;
  const float* x = data.points + i * d;
  for (std::size_t j = 0; j < d; ++j) {
    s.sums[a * d + j] -= w * wide(x[j]);
    s.sums[b * d + j] += w * wide(x[j]);
  }
  s.weight_sums[a] -= w;
  s.weight_sums[b] += w;
  s.refine_labels[i] = static_cast<std::int32_t>(b);
  return remean(s, a, d) + remean(s, b, d);
}

struct sweep_state {
  std::uint64_t step = 0;   // visits so far, over every sweep
  std::uint64_t quiet = 0;  // visits since the last move
  std::uint64_t moves = 0;
  double travel = 0.0;      // how far any mean may be from its float copy
  bool stale = true;        // the float copies are not the means
};

// Visits the chunk of points from `start` (the steps of Hartigan-Wong's live sets): a point
// whose cluster did not change since its last visit, a sweep ago, can only move to a cluster
// that did; any other point gets the chunk's distances to the float means from the kernel, and
// a point whose bound shows that no move gains is not scanned (most are not). The decisions are
// those of scanning every cluster for every point. Returns true once n visits moved nothing.
bool sweep_chunk(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                 fit_scratch& s, std::size_t start, sweep_state& st) noexcept {
  const std::size_t d = data.d, n = data.n, rows = bounded_rows(k);
  const std::size_t count = n - start < rows ? n - start : rows;
  bool have = false;  // the chunk's distances
  for (std::size_t r = 0; r < count; ++r, ++st.step) {
    const std::size_t i = start + r;
    const auto a = static_cast<std::size_t>(s.refine_labels[i]);
    const double w = weight_of(data, i);
    const bool all = st.step < n || s.refine_changed[a] > st.step - n;
    if (all && !have) {
      if (st.stale) st.travel = float_means(k, d, s);
      st.stale = false;
      kt.distances(data.points + start * d, count, d, s.refine_backup, k, s.refine_dists);
      have = true;
    }
    const double floor = all ? move_floor(s.refine_dists + r * k, k, d, s, a, w, st.travel) : 0.0;
    const std::size_t b = best_move(data, k, s, i, a, w, floor, all ? 0 : st.step - n + 1);
    if (b == a) {
      if (++st.quiet == n) return true;
      continue;
    }
    st.travel += move_point(data, s, i, a, b, w);
    s.refine_changed[a] = s.refine_changed[b] = st.step + 1;
    st.stale = true;
    st.quiet = 0;
    ++st.moves;
  }
  return false;
}

// Sweeps until n visits in a row move nothing or refine_max_sweeps; returns the moves.
std::uint64_t run_sweeps(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                         fit_scratch& s) noexcept {
  std::memset(s.refine_changed, 0, k * sizeof(std::uint64_t));
  sweep_state st;
  const std::size_t rows = bounded_rows(k);
  for (std::uint32_t round = 0; round < refine_max_sweeps; ++round)
    for (std::size_t start = 0; start < data.n; start += rows)
      if (sweep_chunk(kt, data, k, s, start, st)) return st.moves;
  return st.moves;
}

}  // namespace

void refine_hartigan(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     fit_scratch& s, lloyd_outcome& out) {
  label_points(kt, data, k, s);
  sum_clusters(data, k, s);
  const std::uint64_t moves = run_sweeps(kt, data, k, s);
  if (moves == 0) return;  // Lloyd's centres are Hartigan-stable: nothing changes
  sum_clusters(data, k, s);  // exact sums of the final clusters
  const std::size_t kd = k * data.d;
  std::memcpy(s.refine_backup, s.centroids, kd * sizeof(float));
  for (std::size_t c = 0; c < k; ++c)
    if (s.weight_sums[c] != 0.0)
      for (std::size_t j = 0; j < data.d; ++j)
        s.centroids[c * data.d + j] = static_cast<float>(s.refine_means[c * data.d + j]);
  const double inertia = assign_pass(kt, data, s.centroids, k, s, nullptr, nullptr);
  if (inertia < out.inertia) {
    out.inertia = inertia;
  } else {
    std::memcpy(s.centroids, s.refine_backup, kd * sizeof(float));  // rounding ate the gain
  }
}

}  // namespace tinykm::detail
#endif
