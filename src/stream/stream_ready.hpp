// The per-sample path of a ready stream, shared by stream_update and stream_update_ready. Its
// translation unit references neither fit() nor the warm-up (stream.hpp: the small entry points).
#pragma once

#include "stream_layout.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream.hpp"

namespace tinykm::detail {

// Learns x (d floats, already checked by check_sample) on the ready stream h; `out` may be null.
void learn_ready(stream_header& h, const stream_arrays& a, const float* x,
                 stream_sample* out) noexcept;

}  // namespace tinykm::detail
