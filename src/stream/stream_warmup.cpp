#include "stream_warmup.hpp"

#include <cmath>
#include <cstring>

#include "stream_lanes.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::detail {

status seed_from_reservoir(stream_header& h, const stream_arrays& a) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  const std::size_t n = static_cast<std::size_t>(h.fill);
  fit_params fp;
  fp.k = k;
  fp.algorithm = lloyd_algorithm::lloyd;  // the stream's memory holds a plain Lloyd workspace
  fp.init = init_method::kmeans_plus_plus;
  fp.n_init = h.params.warmup_n_init;
  fp.max_iter = h.params.warmup_max_iter;
  fp.seed = h.params.seed;
  // The centres are written only when the fit succeeds; fit() checks the workspace size itself
  // (stream_scratch_bytes bounds it).
  model_view model{a.centroids, k * d, 0, 0};
  const status s = fit(a.reservoir, n, d, nullptr, fp, model, a.scratch, a.scratch_bytes);
  if (s != status::ok) return s;

  for (std::size_t c = 0; c < k; ++c) {
    a.weights[c] = 0.0f;
    a.dist_mean[c] = 0.0f;
    a.dist_square[c] = 0.0f;
    a.radius[c] = 0.0f;
  }
  rebuild_lanes(h, a);
  // Means of distances and squares per cluster, kept as running means: a sum of squares near
  // FLT_MAX (values near the magnitude limit) would overflow float.
  for (std::size_t i = 0; i < n; ++i) {
    const nearest_score near =
        nearest_in_lanes(a.reservoir + i * d, d, a.lanes, a.radius, a.kp);
    const std::size_t c = static_cast<std::size_t>(near.label);
    a.weights[c] += 1.0f;
    const float rate = 1.0f / a.weights[c];
    a.dist_mean[c] += rate * (std::sqrt(near.square) - a.dist_mean[c]);
    a.dist_square[c] += rate * (near.square - a.dist_square[c]);
  }
  for (std::size_t c = 0; c < k; ++c) refresh_radius(h, a, c);
  h.ready = 1;
  return status::ok;
}

// Puts a checked sample into the reservoir of a stream that is warming up; the sample that
// fills it seeds the centres. On failure the sample is not kept.
status fill_reservoir(stream_header& h, const stream_arrays& a, const float* x) noexcept {
  const std::size_t d = static_cast<std::size_t>(h.d);
  std::memcpy(a.reservoir + static_cast<std::size_t>(h.fill) * d, x, d * sizeof(float));
  h.fill += 1;
  if (h.fill == h.reservoir) {
    const status s = seed_from_reservoir(h, a);
    if (s != status::ok) {
      h.fill -= 1;
      return s;
    }
  }
  h.counters.samples += 1;
  return status::ok;
}

}  // namespace tinykm::detail
