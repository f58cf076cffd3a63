#include "stream_nearest.hpp"

#include <cmath>

namespace tinykm::detail {

namespace {
constexpr std::size_t centres_per_call = 64;
}

nearest_score nearest_with_score(const kernels::kernel_table& kt, const float* x, std::size_t d,
                                 const float* centroids, const float* radius,
                                 std::size_t k) noexcept {
  float squares[centres_per_call];
  nearest_score best{0, 0.0f, 0.0f};
  // Pass 1: the nearest centre.
  for (std::size_t first = 0; first < k; first += centres_per_call) {
    const std::size_t count = k - first < centres_per_call ? k - first : centres_per_call;
    kt.distances(x, 1, d, centroids + first * d, count, squares);
    for (std::size_t c = 0; c < count; ++c)
      if ((first == 0 && c == 0) || squares[c] < best.square) {
        best.square = squares[c];
        best.label = static_cast<std::int32_t>(first + c);
      }
  }
  best.score = std::sqrt(best.square) - radius[best.label];
  // Pass 2: a centre can only score lower when |x - c| < score + r_c, so only those need a
  // square root; with clusters apart from each other that is the nearest one alone. When k fits
  // one call the squares are still in the buffer.
  for (std::size_t first = 0; first < k; first += centres_per_call) {
    const std::size_t count = k - first < centres_per_call ? k - first : centres_per_call;
    if (k > centres_per_call) kt.distances(x, 1, d, centroids + first * d, count, squares);
    for (std::size_t c = 0; c < count; ++c) {
      const float reach = best.score + radius[first + c];
      if (reach > 0.0f && squares[c] < reach * reach) {
        const float s = std::sqrt(squares[c]) - radius[first + c];
        if (s < best.score) best.score = s;
      }
    }
  }
  return best;
}

}  // namespace tinykm::detail
