#include "stream_lanes.hpp"

#include <cmath>
#include <limits>

#include "tinykm/stream.hpp"

namespace tinykm::detail {

namespace {
constexpr std::uint32_t lanes_per_pass = 64;
constexpr std::uint32_t group = static_cast<std::uint32_t>(stream_lane_pad);  // kp's multiple
// The least of count floats (a multiple of 8, no NaN): 8 running minima, then a tree.
float min_of(const float* v, std::uint32_t count) noexcept {
  float m[group];
  for (std::uint32_t i = 0; i < group; ++i) m[i] = v[i];
  for (std::uint32_t g = group; g < count; g += group)
    for (std::uint32_t i = 0; i < group; ++i) m[i] = v[g + i] < m[i] ? v[g + i] : m[i];
  for (std::uint32_t half = group / 2; half > 0; half /= 2)
    for (std::uint32_t i = 0; i < half; ++i) m[i] = m[i + half] < m[i] ? m[i + half] : m[i];
  return m[0];
}

}  // namespace

nearest_score nearest_in_lanes(const float* x, std::size_t d, const float* lanes,
                               const float* radius, std::size_t kp) noexcept {
  const float far = std::numeric_limits<float>::infinity();
  nearest_score best{0, far, far};
  float squares[lanes_per_pass];
  // Every loop below is branch-free (min, select) so it vectorises and never mispredicts on
  // which centre wins; squares are finite (or +inf for padding) as inputs were range-checked.
  for (std::size_t first = 0; first < kp; first += lanes_per_pass) {
    const std::uint32_t count = static_cast<std::uint32_t>(
        kp - first < lanes_per_pass ? kp - first : lanes_per_pass);
    const float* row = lanes + first;
    for (std::uint32_t l = 0; l < count; ++l) {
      const float t = x[0] - row[l];
      squares[l] = t * t;  // == 0 + t t, the reference's first step
    }
    for (std::size_t j = 1; j < d; ++j) {
      row = lanes + j * kp + first;
      const float xj = x[j];
      for (std::uint32_t l = 0; l < count; ++l) {
        const float t = xj - row[l];
        squares[l] += t * t;
      }
    }
    // Element-wise (sqrtps) into a buffer; the minima below are plain scalar trees, as GCC
    // vectorises no float min reduction without -ffast-math.
    float excess[lanes_per_pass];
    for (std::uint32_t l = 0; l < count; ++l)
      excess[l] = std::sqrt(squares[l]) - radius[first + l];
    const float nearest = min_of(squares, count);
    const float pass_score = min_of(excess, count);
    const float score = pass_score < best.score ? pass_score : best.score;
    std::uint32_t label = count;  // the lowest lane at the minimum (an integer min: vectorised)
    for (std::uint32_t l = 0; l < count; ++l) {
      const std::uint32_t at = squares[l] == nearest ? l : count;
      label = at < label ? at : label;
    }
    if (nearest < best.square) {  // strict: an equal square in a later pass keeps the earlier
      best.square = nearest;
      best.label = static_cast<std::int32_t>(first + label);
    }
    best.score = score;
  }
  return best;
}

}  // namespace tinykm::detail
