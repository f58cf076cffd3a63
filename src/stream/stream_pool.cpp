#include "stream_pool.hpp"

#include <cmath>
#include <cstring>

#include "stream_lanes.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::detail {

status merge_centres(const merge_inputs& m, const float* start, std::uint64_t seed, std::size_t k,
                     std::size_t d, float* out) noexcept {
  if (m.count <= k) {  // no more live centres than clusters: keep them all
    if (out != start) std::memcpy(out, start, k * d * sizeof(float));
    std::memcpy(out, m.centres, m.count * d * sizeof(float));
    return status::ok;
  }
  fit_params fp;
  fp.k = k;
  fp.algorithm = lloyd_algorithm::lloyd;  // the stream's memory holds a plain Lloyd workspace
  fp.init = init_method::user;
  fp.initial_centroids = start;
  fp.seed = seed;
  model_view model{out, k * d, 0, 0};
  return fit(m.centres, m.count, d, m.weights, fp, model, m.workspace, m.workspace_bytes);
}

namespace {

// Merged weights stop near 2^64 (a state merged with itself doubles them; 128 such merges
// would reach float's infinity): the inputs are scaled alike when the heaviest is above it.
constexpr float weight_cap = 0x1p64f;
// No squared distance between two points inside the magnitude limit exceeds this (validate.hpp:
// d (2 limit)^2 <= FLT_MAX (1 - 2^-12)^2), so the pooled bound below may stop there.
constexpr double square_cap = 0x1.ffep127;

float input_weight_scale(const merge_inputs& m) noexcept {
  float heaviest = 0.0f;
  for (std::size_t i = 0; i < m.count; ++i)
    heaviest = m.weights[i] > heaviest ? m.weights[i] : heaviest;
  return heaviest > weight_cap ? weight_cap / heaviest : 1.0f;
}

// The state promises every centre inside the magnitude limit, so that updates' squared
// distances stay finite. The merged centres are fit()'s weighted means of centres inside it, so
// they stay inside; this guard keeps the promise whatever the fit's rounding (a cancelling
// empty-cluster repair once put one 14 float ulps past it: the fuzzer's -6.52e18 at d = 2).
void keep_in_limit(float* centroids, std::size_t count, float limit) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    const float v = centroids[i];
    centroids[i] = v > limit ? limit : v < -limit ? -limit : v;
  }
}

}  // namespace

// Each live input centre joins its nearest merged centre. A sample at distance t from input
// centre i is at most t + |c_i - c_j| from merged centre j, so the pooled distance mean and mean
// square are taken over those bounds: radii never shrink by merging. They are kept as weighted
// means, updated input by input (w of W: mean += w / W (v - mean)), rather than as weighted sums:
// a weight times a mean square near FLT_MAX would overflow float.
void pool_statistics(const merge_inputs& m, const stream_header& h, const stream_arrays& o,
                     std::size_t k, std::size_t d) noexcept {
  keep_in_limit(o.centroids, k * d, h.value_limit);
  for (std::size_t c = 0; c < k; ++c) {
    o.weights[c] = 0.0f;
    o.dist_mean[c] = 0.0f;
    o.dist_square[c] = 0.0f;
    o.radius[c] = 0.0f;  // also what nearest_in_lanes reads below; its score is unused
  }
  rebuild_lanes(h, o);
  const float scale = input_weight_scale(m);
  for (std::size_t i = 0; i < m.count; ++i) {
    const nearest_score near =
        nearest_in_lanes(m.centres + i * d, d, o.lanes, o.radius, o.kp);
    const std::size_t c = static_cast<std::size_t>(near.label);
    const float w = m.weights[i] * scale;
    const float total = o.weights[c] + w;
    if (!(total > 0.0f)) continue;  // a weight scaled to 0 adds nothing
    const float rate = w / total;
    const double shift = std::sqrt(static_cast<double>(near.square));
    const double mean = static_cast<double>(m.dist_mean[i]);
    const double bound = static_cast<double>(m.dist_square[i]) + (2.0 * mean + shift) * shift;
    const float square = static_cast<float>(bound < square_cap ? bound : square_cap);
    o.weights[c] = total;
    o.dist_mean[c] += rate * (static_cast<float>(mean + shift) - o.dist_mean[c]);
    o.dist_square[c] += rate * (square - o.dist_square[c]);
  }
  for (std::size_t c = 0; c < k; ++c) refresh_radius(h, o, c);
}

}  // namespace tinykm::detail
