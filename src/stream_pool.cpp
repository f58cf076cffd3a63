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
  fp.init = init_method::user;
  fp.initial_centroids = start;
  fp.seed = seed;
  model_view model{out, k * d, 0, 0};
  return fit(m.centres, m.count, d, m.weights, fp, model, m.workspace, m.workspace_bytes);
}

// Each live input centre joins its nearest merged centre. A sample at distance t from input
// centre i is at most t + |c_i - c_j| from merged centre j, so the pooled distance mean and mean
// square are taken over those bounds: radii never shrink by merging.
void pool_statistics(const merge_inputs& m, const stream_header& h, const stream_arrays& o,
                     std::size_t k, std::size_t d) noexcept {
  for (std::size_t c = 0; c < k; ++c) {
    o.weights[c] = 0.0f;
    o.dist_mean[c] = 0.0f;
    o.dist_square[c] = 0.0f;
    o.radius[c] = 0.0f;  // also what nearest_in_lanes reads below; its score is unused
  }
  rebuild_lanes(h, o);
  for (std::size_t i = 0; i < m.count; ++i) {
    const nearest_score near =
        nearest_in_lanes(m.centres + i * d, d, o.lanes, o.radius, o.kp);
    const std::size_t c = static_cast<std::size_t>(near.label);
    const float w = m.weights[i];
    const float shift = std::sqrt(near.square);
    o.weights[c] += w;
    o.dist_mean[c] += w * (m.dist_mean[i] + shift);
    o.dist_square[c] += w * (m.dist_square[i] + 2.0f * m.dist_mean[i] * shift + near.square);
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (o.weights[c] > 0.0f) {
      o.dist_mean[c] /= o.weights[c];
      o.dist_square[c] /= o.weights[c];
    }
  }
  for (std::size_t c = 0; c < k; ++c) refresh_radius(h, o, c);
}

}  // namespace tinykm::detail
