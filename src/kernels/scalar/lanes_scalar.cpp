// Scalar reference for streams: one point at a time against every centre in lanes.
#include <cmath>
#include <limits>

#include "kernels.hpp"

namespace tinykm::kernels {

void lanes_nearest_one_scalar(const float* x, std::size_t d, const float* lanes,
                              const float* radius, std::size_t kp, lanes_hit* out) {
  const float far = std::numeric_limits<float>::infinity();
  lanes_hit hit{0, far, far};
  for (std::size_t c = 0; c < kp; ++c) {
    float s = 0.0f;  // squared_distance_scalar's sum, read down lane c
    for (std::size_t j = 0; j < d; ++j) {
      const float t = x[j] - lanes[j * kp + c];
      s += t * t;
    }
    if (s < hit.square) {  // strict: a tie keeps the lower index
      hit.square = s;
      hit.label = static_cast<std::int32_t>(c);
    }
    const float excess = std::sqrt(s) - radius[c];
    hit.score = excess < hit.score ? excess : hit.score;
  }
  *out = hit;
}

void lanes_nearest_scalar(const float* points, std::size_t n, std::size_t d, const float* lanes,
                          const float* radius, std::size_t kp, std::int32_t* labels,
                          float* squares, float* scores) {
  for (std::size_t i = 0; i < n; ++i) {
    lanes_hit hit;
    lanes_nearest_one_scalar(points + i * d, d, lanes, radius, kp, &hit);
    labels[i] = hit.label;
    squares[i] = hit.square;
    scores[i] = hit.score;
  }
}

}  // namespace tinykm::kernels
