// stream_update: a warm-up step, or the ready path (stream_ready.cpp).
#include "stream_layout.hpp"
#include "stream_learn.hpp"
#include "stream_ready.hpp"
#include "stream_warmup.hpp"
#include "tinykm/stream.hpp"

namespace tinykm {

status stream_update(const stream_state& state, const float* x, stream_sample* out) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || x == nullptr) return status::invalid_argument;
  detail::stream_header& h = *v.header;
  status s = detail::check_sample(x, static_cast<std::size_t>(h.d), h.value_limit);
  if (s != status::ok) return s;
  if (h.ready != 0) {
    // Hosts inline the ready path (the call, which passes the arrays in memory, cost 5 % at
    // d = 3, k = 16); compact builds keep one copy of it.
    if constexpr (kernels::compact_code)
      detail::learn_ready(h, v.arrays, x, out);
    else
      detail::learn_sample(h, v.arrays, x, out);
    return status::ok;
  }
  s = detail::fill_reservoir(h, v.arrays, x);
  if (s == status::ok && out != nullptr) *out = stream_sample{};
  return s;
}

}  // namespace tinykm
