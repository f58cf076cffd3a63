// The per-sample path of a ready stream, shared by stream_update and stream_update_ready. Its
// translation unit references neither fit() nor the warm-up (stream.hpp: the small entry points).
#pragma once

#include <cmath>

#include "stream_lanes.hpp"
#include "stream_layout.hpp"
#include "stream_learn.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream.hpp"

namespace tinykm::detail {

// Hosts inline the ready path into stream_update; compact builds (firmware) keep one copy of it,
// learn_ready, whose stack stays as pinned (ports/cortex-m/figures.txt).
#if TINYKM_COMPACT_CODE
#define TINYKM_STREAM_INLINE inline
#else
#define TINYKM_STREAM_INLINE [[gnu::always_inline]] inline
#endif

// Learns x (d floats, already checked by check_sample) on the ready stream h; `out` may be null.
TINYKM_STREAM_INLINE void learn_sample(stream_header& h, const stream_arrays& a,
                                                const float* x, stream_sample* out) noexcept {
  const nearest_score near =
      nearest_in_lanes(x, static_cast<std::size_t>(h.d), a.lanes, a.radius, a.kp);
  const bool anomaly = near.score > h.params.anomaly_threshold;
  count_sample(h.counters, h.drift_rate, near.square, anomaly);
  if (!anomaly || h.params.learn_anomalies) {
    const std::size_t c = static_cast<std::size_t>(near.label);
    const bool may_reseed =
        decay_and_add(a, h.k, c, h.weight_decay, 1.0f, h.params.dead_fraction);
    const float rate =
        h.params.rule == update_rule::fixed_rate ? h.params.learning_rate : 1.0f / a.weights[c];
    move_centre(h, a, c, x, rate, std::sqrt(near.square), near.square);
    // Only a sample of the heaviest cluster can reseed, and only while some cluster is dead:
    // the full check runs for those alone.
    if (may_reseed) reseed_dead(h, a, c, x);
  }
  if (out != nullptr) *out = stream_sample{near.label, near.score, anomaly};
}

// learn_sample, out of line.
void learn_ready(stream_header& h, const stream_arrays& a, const float* x,
                 stream_sample* out) noexcept;

}  // namespace tinykm::detail
