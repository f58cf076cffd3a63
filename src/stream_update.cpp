// stream_init and the one-sample update.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/kernels.hpp"
#include "stream_layout.hpp"
#include "stream_learn.hpp"
#include "stream_nearest.hpp"
#include "stream_warmup.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

status stream_init(const stream_params& params, std::size_t d, const stream_state& state) noexcept {
  const status s = detail::check_stream_params(params, d);
  if (s != status::ok) return s;
  const status m = detail::check_stream_memory(state, params.k, d, detail::reservoir_of(params));
  if (m != status::ok) return m;

  const detail::stream_header h = detail::make_stream_header(params, d);
  std::memset(state.memory, 0, detail::stream_header_bytes);
  std::memcpy(state.memory, &h, sizeof h);
  return status::ok;
}

namespace detail {
namespace {

// Learns one checked sample on a ready stream.
stream_sample learn_sample(const kernels::kernel_table& kt, stream_header& h,
                           const stream_arrays& a, const float* x) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  const nearest_score near = nearest_with_score(kt, x, d, a.centroids, a.radius, k);
  const bool anomaly = near.score > h.params.anomaly_threshold;
  count_sample(h, near.square, anomaly);
  if (!anomaly || h.params.learn_anomalies) {
    const std::size_t c = static_cast<std::size_t>(near.label);
    decay_weights(a, k, h.weight_decay);
    const float rate = add_weight(h, a, c, 1.0f);
    move_centre(h, a, c, x, rate, std::sqrt(near.square), near.square);
    reseed_dead(h, a, c, x);
  }
  return stream_sample{near.label, near.score, anomaly};
}

}  // namespace
}  // namespace detail

status stream_update(const stream_state& state, const float* x, stream_sample* out) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || x == nullptr) return status::invalid_argument;
  detail::stream_header& h = *v.header;
  const status s = detail::check_values(x, static_cast<std::size_t>(h.d), h.value_limit);
  if (s != status::ok) return s;
  const kernels::kernel_table& kt = kernels::active();
  stream_sample result{};
  if (h.ready == 0) {
    const status f = detail::fill_reservoir(kt, h, v.arrays, x);
    if (f != status::ok) return f;
  } else {
    result = detail::learn_sample(kt, h, v.arrays, x);
  }
  if (out != nullptr) *out = result;
  return status::ok;
}

}  // namespace tinykm
