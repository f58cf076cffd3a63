#include "stream_learn.hpp"

#include <cmath>
#include <cstring>

#include "stream_lanes.hpp"

namespace tinykm::detail {

std::size_t heaviest_cluster(const stream_arrays& a, std::size_t k) noexcept {
  std::size_t heaviest = 0;
  for (std::size_t c = 1; c < k; ++c)
    if (a.weights[c] > a.weights[heaviest]) heaviest = c;
  return heaviest;
}

bool reseed_dead(stream_header& h, const stream_arrays& a, std::size_t label,
                 const float* x) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  std::size_t heaviest = 0;  // heaviest_cluster()'s choice
  std::size_t lightest = 0;
  for (std::size_t c = 1; c < k; ++c) {
    if (a.weights[c] > a.weights[heaviest]) heaviest = c;
    if (a.weights[c] < a.weights[lightest]) lightest = c;
  }
  if (label != heaviest || lightest == heaviest) return false;
  if (!(a.weights[lightest] < h.params.dead_fraction * a.weights[heaviest])) return false;
  const float* centre = a.centroids + heaviest * d;
  if (std::memcmp(centre, x, d * sizeof(float)) == 0) return false;  // nothing to split along
  std::memcpy(a.centroids + lightest * d, x, d * sizeof(float));
  for (std::size_t j = 0; j < d; ++j) put_lane(a.lanes + j * a.kp, a.kp, lightest, x[j]);
  const float half = 0.5f * a.weights[heaviest];
  a.weights[heaviest] = half;
  a.weights[lightest] = half;
  a.dist_mean[lightest] = a.dist_mean[heaviest];
  a.dist_square[lightest] = a.dist_square[heaviest];
  put_lane(a.radius, a.kp, lightest, a.radius[heaviest]);
  h.counters.reseeds += 1;
  return true;
}

}  // namespace tinykm::detail
