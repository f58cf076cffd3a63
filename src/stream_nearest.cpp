#include "stream_nearest.hpp"

#include <cmath>
#include <limits>

namespace tinykm::detail {

namespace {

constexpr std::size_t centres_per_call = 64;

// Squared distances from x to `count` centres. For one point and few features the kernels'
// tiles would fill one lane of each vector, so up to 16 features the plain loop (the scalar
// reference's arithmetic: float, index order) is faster; beyond, the kernels' rows of features.
template <std::size_t D>
void squares_fixed(const float* x, const float* centroids, std::size_t count, float* out) noexcept {
  for (std::size_t c = 0; c < count; ++c)
    out[c] = kernels::squared_distance_scalar(x, centroids + c * D, D);
}

void squares_to(const kernels::kernel_table& kt, const float* x, std::size_t d,
                const float* centroids, std::size_t count, float* out) noexcept {
  switch (d) {  // the sensor cases, unrolled at compile time
    case 1: return squares_fixed<1>(x, centroids, count, out);
    case 2: return squares_fixed<2>(x, centroids, count, out);
    case 3: return squares_fixed<3>(x, centroids, count, out);
    case 4: return squares_fixed<4>(x, centroids, count, out);
    default: break;
  }
  if (d > 16) return kt.distances(x, 1, d, centroids, count, out);
  for (std::size_t c = 0; c < count; ++c)
    out[c] = kernels::squared_distance_scalar(x, centroids + c * d, d);
}

}  // namespace

nearest_score nearest_with_score(const kernels::kernel_table& kt, const float* x, std::size_t d,
                                 const float* centroids, const float* radius,
                                 std::size_t k) noexcept {
  float squares[centres_per_call];
  nearest_score best{0, std::numeric_limits<float>::infinity(),
                     std::numeric_limits<float>::infinity()};
  // Every loop below is branch-free (min, select) so it vectorises and never mispredicts on
  // which centre wins; squares are finite because inputs were range-checked.
  for (std::size_t first = 0; first < k; first += centres_per_call) {
    const std::size_t count = k - first < centres_per_call ? k - first : centres_per_call;
    squares_to(kt, x, d, centroids + first * d, count, squares);
    float nearest = squares[0];
    for (std::size_t c = 1; c < count; ++c) nearest = squares[c] < nearest ? squares[c] : nearest;
    std::size_t label = 0;  // the lowest index at the minimum
    for (std::size_t c = count; c-- > 0;) label = squares[c] == nearest ? c : label;
    if (nearest < best.square) {  // strict: an equal square in a later call keeps the earlier
      best.square = nearest;
      best.label = static_cast<std::int32_t>(first + label);
    }
    float score = best.score;
    for (std::size_t c = 0; c < count; ++c) {
      const float s = std::sqrt(squares[c]) - radius[first + c];
      score = s < score ? s : score;
    }
    best.score = score;
  }
  return best;
}

}  // namespace tinykm::detail
