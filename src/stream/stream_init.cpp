// stream_init: lays a fresh stream out in the caller's memory (no warm-up code linked).
#include <cstring>

#include "stream_layout.hpp"
#include "tinykm/stream.hpp"

namespace tinykm {

status stream_init(const stream_params& params, std::size_t d, const stream_state& state) noexcept {
  const status s = detail::check_stream_params(params, d);
  if (s != status::ok) return s;
  const status m = detail::check_stream_memory(state, params.k, d, detail::reservoir_of(params));
  if (m != status::ok) return m;

  const detail::stream_header h = detail::make_stream_header(params, d);
  // Every byte starts as zero, not as whatever the caller's memory held: save() writes the
  // centres and their statistics in every state, warming up included (NaN bytes there would
  // make it refuse the stream).
  std::memset(state.memory, 0, state.bytes);
  std::memcpy(state.memory, &h, sizeof h);
  return status::ok;
}

}  // namespace tinykm
