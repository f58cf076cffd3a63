// The learning steps every stream update shares: decaying weights, moving a centre and its
// distance statistics, counting a sample (inline: every update runs them), and reseeding a dead
// cluster. Float32 only; each keeps the centres' lanes (stream_layout.hpp) equal to the centres.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "stream_lanes.hpp"
#include "stream_layout.hpp"
#include "validate.hpp"

namespace tinykm::detail {

// step(j) for j < d, in any order. Sensors have a few features: d <= 4 runs without a loop,
// since a vectorised loop's set-up costs more than such a short body, unless the build asks for
// compact code (kernels::compact_code, firmware: one copy of the body on flash).
template <class Step>
inline void for_features(std::size_t d, Step step) noexcept {
  if constexpr (!kernels::compact_code) {
    switch (d) {
      case 4: step(std::size_t{3}); [[fallthrough]];
      case 3: step(std::size_t{2}); [[fallthrough]];
      case 2: step(std::size_t{1}); [[fallthrough]];
      case 1: step(std::size_t{0}); return;
      default: break;
    }
  }
  for (std::size_t j = 0; j < d; ++j) step(j);
}

// check_values() in one pass for the usual case: |x_j| <= limit fails for NaN too, so only a
// rejected input pays for telling non-finite from out-of-range.
inline status check_sample(const float* x, std::size_t count, float limit) noexcept {
  bool ok = true;
  for_features(count, [&](std::size_t j) { ok &= std::fabs(x[j]) <= limit; });
  return ok ? status::ok : check_values(x, count, limit);
}

// Multiplies every weight by `factor` (weights below 1e-30 become 0, so they never go
// denormal) and adds `added` to cluster c's (c >= kp: to none), in one pass that vectorises on
// hosts and writes every weight as it reads them, so the next update's loads are forwarded from
// these stores. Returns whether cluster c may then reseed a dead one (false for c >= kp): no
// weight is above c's and the lightest of the k clusters is below dead_fraction x c's, which
// reseed_dead() needs (it decides). Nearly always false, so the branch on it is predicted: a
// call to reseed_dead() for every sample of the heaviest cluster cost a host 4-7 % (d = 3,
// k = 8). Compact builds (firmware) skip the lightest-weight test: its compare per lane cost a
// Cortex-M4 more instructions than the calls it saved (d = 3, k = 8: 882 -> 940 per update).
inline bool decay_and_add(const stream_arrays& a, std::size_t k, std::size_t c, float factor,
                          float added, float dead_fraction) noexcept {
  const std::uint32_t lane = static_cast<std::uint32_t>(c < a.kp ? c : a.kp);
  const std::uint32_t count = static_cast<std::uint32_t>(a.kp);
  const std::uint32_t clusters = static_cast<std::uint32_t>(k);
  float* w = a.weights;
  const auto decay = [factor](float weight) {
    const float decayed = weight * factor;
    return decayed < 1e-30f ? 0.0f : decayed;
  };
  const float own = lane < count ? decay(w[lane]) + added : 0.0f;  // its weight, as below
  const float dead = dead_fraction * own;
  std::uint32_t above = 0;  // (not bool: GCC vectorises no bool reduction)
  std::uint32_t below = 0;  // some cluster's weight < dead
  for (std::uint32_t l = 0; l < count; ++l) {
    const float v = decay(w[l]) + (l == lane ? added : 0.0f);
    w[l] = v;
    above |= v > own ? 1u : 0u;
    if constexpr (!kernels::compact_code) below |= l < clusters && v < dead ? 1u : 0u;
  }
  if constexpr (kernels::compact_code) below = 1;
  return lane < count && above == 0 && below != 0;
}

// Moves centre c by `rate` towards `target` (d floats), and its distance mean and mean square
// towards `dist` and `square`. c + r (x - c) can round one ulp past x (x - c rounded up), so
// a centre near the magnitude limit could step over it and become one that load() and predict()
// refuse: each coordinate is clamped to the limit.
inline void move_centre(const stream_header& h, const stream_arrays& a, std::size_t c,
                        const float* target, float rate, float dist, float square) noexcept {
  const std::size_t d = static_cast<std::size_t>(h.d);
  const float limit = h.value_limit;
  float* centre = a.centroids + c * d;
  for_features(d, [&](std::size_t j) {
    float moved = centre[j] + rate * (target[j] - centre[j]);
    // (One test in the usual case: a Cortex-M4 has no float min/max, and testing each side
    // costs it twice the 4 instructions per feature.)
    if (std::fabs(moved) > limit) moved = moved > 0.0f ? limit : -limit;
    centre[j] = moved;
    put_lane(a.lanes + j * a.kp, a.kp, c, moved);
  });
  a.dist_mean[c] += rate * (dist - a.dist_mean[c]);
  a.dist_square[c] += rate * (square - a.dist_square[c]);
  put_lane(a.radius, a.kp, c, radius_of(h, a.dist_mean[c], a.dist_square[c]));
}

// Counters and the drift average for one scored sample.
inline void count_sample(stream_counters& counters, float drift_rate, float square,
                         bool anomaly) noexcept {
  counters.samples += 1;
  counters.anomalies += anomaly ? 1 : 0;
  counters.inertia_ewma += drift_rate * (square - counters.inertia_ewma);
}

// Index of the heaviest cluster (the lowest on ties).
std::size_t heaviest_cluster(const stream_arrays& a, std::size_t k) noexcept;

// When some cluster is dead (weight < dead_fraction x the heaviest) and `label` is the heaviest,
// moves the lightest centre onto x and splits the heaviest weight between the two. Returns
// whether it did.
bool reseed_dead(stream_header& h, const stream_arrays& a, std::size_t label,
                 const float* x) noexcept;

}  // namespace tinykm::detail
