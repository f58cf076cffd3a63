// Scalar reference for streams: one point at a time against every centre in lanes.
#include <cmath>
#include <limits>

#include "kernels/kernels.hpp"

namespace tinykm::kernels {

void lanes_nearest_scalar(const float* points, std::size_t n, std::size_t d, const float* lanes,
                          const float* radius, std::size_t kp, std::int32_t* labels,
                          float* squares, float* scores) {
  const float far = std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    const float* x = points + i * d;
    float best = far;
    float score = far;
    std::size_t at = 0;
    for (std::size_t c = 0; c < kp; ++c) {
      float s = 0.0f;  // squared_distance_scalar's sum, read down lane c
      for (std::size_t j = 0; j < d; ++j) {
        const float t = x[j] - lanes[j * kp + c];
        s += t * t;
      }
      if (s < best) {  // strict: a tie keeps the lower index
        best = s;
        at = c;
      }
      const float excess = std::sqrt(s) - radius[c];
      score = excess < score ? excess : score;
    }
    labels[i] = static_cast<std::int32_t>(at);
    squares[i] = best;
    scores[i] = score;
  }
}

}  // namespace tinykm::kernels
