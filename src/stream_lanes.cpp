#include "stream_lanes.hpp"

#include <cmath>
#include <limits>

namespace tinykm::detail {

namespace {
constexpr std::uint32_t lanes_per_pass = 64;
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
    float nearest = far;
    float score = best.score;
    for (std::uint32_t l = 0; l < count; ++l) {
      nearest = squares[l] < nearest ? squares[l] : nearest;
      const float s = std::sqrt(squares[l]) - radius[first + l];
      score = s < score ? s : score;
    }
    std::uint32_t label = count;  // the lowest lane at the minimum
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
