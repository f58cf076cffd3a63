// The small per-sample entry points: stream_update_ready and stream_score (stream.hpp).
#include "stream_ready.hpp"

#include <cmath>

#include "stream_lanes.hpp"
#include "stream_learn.hpp"
#include "validate.hpp"

namespace tinykm {

namespace detail {

void learn_ready(stream_header& h, const stream_arrays& a, const float* x,
                 stream_sample* out) noexcept {
  learn_sample(h, a, x, out);
}

}  // namespace detail

status stream_update_ready(const stream_state& state, const float* x, stream_sample* out) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || x == nullptr) return status::invalid_argument;
  detail::stream_header& h = *v.header;
  if (h.ready == 0) return status::not_ready;
  const status s = detail::check_sample(x, static_cast<std::size_t>(h.d), h.value_limit);
  if (s == status::ok) detail::learn_ready(h, v.arrays, x, out);
  return s;
}

status stream_score(const stream_state& state, const float* x, float* score,
                    bool* anomaly) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || x == nullptr || score == nullptr) return status::invalid_argument;
  const detail::stream_header& h = *v.header;
  if (h.ready == 0) return status::not_ready;
  const std::size_t d = static_cast<std::size_t>(h.d);
  const status s = detail::check_sample(x, d, h.value_limit);
  if (s != status::ok) return s;
  const detail::nearest_score near =
      detail::nearest_in_lanes(x, d, v.arrays.lanes, v.arrays.radius, v.arrays.kp);
  *score = near.score;
  if (anomaly != nullptr) *anomaly = near.score > h.params.anomaly_threshold;
  return status::ok;
}

}  // namespace tinykm
