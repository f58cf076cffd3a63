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
  const nearest_score near =
      nearest_in_lanes(x, static_cast<std::size_t>(h.d), a.lanes, a.radius, a.kp);
  const bool anomaly = near.score > h.params.anomaly_threshold;
  count_sample(h.counters, h.drift_rate, near.square, anomaly);
  if (!anomaly || h.params.learn_anomalies) {
    const std::size_t c = static_cast<std::size_t>(near.label);
    const bool heaviest = decay_and_add(a, c, h.weight_decay, 1.0f);
    const float rate =
        h.params.rule == update_rule::fixed_rate ? h.params.learning_rate : 1.0f / a.weights[c];
    move_centre(h, a, c, x, rate, std::sqrt(near.square), near.square);
    // Only a sample of the heaviest cluster can reseed: the full check runs for those alone.
    if (heaviest) reseed_dead(h, a, c, x);
  }
  if (out != nullptr) *out = stream_sample{near.label, near.score, anomaly};
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
