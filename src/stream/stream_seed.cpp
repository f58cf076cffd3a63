// stream_seed: a stream made ready from the caller's centres (firmware shipping a model trained
// offline), without the warm-up's batch fit.
#include <cstring>

#include "stream_layout.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

status stream_seed(const stream_state& state, const float* centroids) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || centroids == nullptr) return status::invalid_argument;
  detail::stream_header& h = *v.header;
  if (h.ready != 0) return status::invalid_argument;
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  const status s = detail::check_values(centroids, k * d, h.value_limit);
  if (s != status::ok) return s;
  const detail::stream_arrays& a = v.arrays;
  std::memcpy(a.centroids, centroids, k * d * sizeof(float));
  // As if each centre had seen one sample at its own position.
  for (std::size_t c = 0; c < k; ++c) {
    a.weights[c] = 1.0f;
    a.dist_mean[c] = 0.0f;
    a.dist_square[c] = 0.0f;
    a.radius[c] = 0.0f;
  }
  detail::rebuild_lanes(h, a);
  h.fill = h.reservoir;  // no warm-up left to do (the reservoir's contents stay unused)
  h.ready = 1;
  return status::ok;
}

}  // namespace tinykm
