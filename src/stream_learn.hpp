// The learning steps every stream update shares: decaying weights, moving a centre and its
// distance statistics, counting a sample, and reseeding a dead cluster. Float32 only; each
// keeps the centres' lanes (stream_layout.hpp) equal to the centres.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stream_layout.hpp"
#include "validate.hpp"

namespace tinykm::detail {

// check_values() in one pass for the usual case: |x_j| <= limit fails for NaN too, so only a
// rejected input pays for telling non-finite from out-of-range.
inline status check_sample(const float* x, std::size_t count, float limit) noexcept {
  bool ok = true;
  for (std::size_t j = 0; j < count; ++j) ok &= std::fabs(x[j]) <= limit;
  return ok ? status::ok : check_values(x, count, limit);
}

// Multiplies every weight by `factor` (weights below 1e-30 become 0, so they never go
// denormal), then adds `added` to cluster c's (c >= kp: to none). Returns the largest weight.
// One pass over the kp lanes, vectorised.
float decay_and_add(const stream_arrays& a, std::size_t c, float factor, float added) noexcept;

// Moves centre c by `rate` towards `target` (d floats), and its distance mean and mean square
// towards `dist` and `square`.
void move_centre(const stream_header& h, const stream_arrays& a, std::size_t c,
                 const float* target, float rate, float dist, float square) noexcept;

// Counters and the drift average for one scored sample.
void count_sample(stream_header& h, float square, bool anomaly) noexcept;

// Index of the heaviest cluster (the lowest on ties).
std::size_t heaviest_cluster(const stream_arrays& a, std::size_t k) noexcept;

// When some cluster is dead (weight < dead_fraction x the heaviest) and `label` is the heaviest,
// moves the lightest centre onto x and splits the heaviest weight between the two. Returns
// whether it did.
bool reseed_dead(stream_header& h, const stream_arrays& a, std::size_t label,
                 const float* x) noexcept;

}  // namespace tinykm::detail
