#include "stream_learn.hpp"

#include <cmath>
#include <cstring>

#include "kernels/kernels.hpp"
#include "stream_lanes.hpp"

namespace tinykm::detail {

float decay_and_add(const stream_arrays& a, std::size_t c, float factor, float added) noexcept {
  const std::uint32_t lane = static_cast<std::uint32_t>(c < a.kp ? c : a.kp);
  const std::uint32_t count = static_cast<std::uint32_t>(a.kp);
#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
  // Hosts: element-wise, so it vectorises; the maximum is a separate scalar pass (GCC
  // vectorises no float max reduction without -ffast-math): 8 running maxima, then a tree.
  constexpr std::uint32_t group = static_cast<std::uint32_t>(stream_lane_pad);
  for (std::uint32_t l = 0; l < count; ++l) {
    const float decayed = a.weights[l] * factor;
    a.weights[l] = (decayed < 1e-30f ? 0.0f : decayed) + (l == lane ? added : 0.0f);
  }
  float m[group];
  for (std::uint32_t i = 0; i < group; ++i) m[i] = a.weights[i];
  for (std::uint32_t g = group; g < count; g += group)
    for (std::uint32_t i = 0; i < group; ++i)
      m[i] = a.weights[g + i] > m[i] ? a.weights[g + i] : m[i];
  for (std::uint32_t half = group / 2; half > 0; half /= 2)
    for (std::uint32_t i = 0; i < half; ++i) m[i] = m[i + half] > m[i] ? m[i + half] : m[i];
  return m[0];
#else
  // Scalar-only builds (firmware): one compact pass; the same maximum (weights are >= 0).
  float heaviest = 0.0f;
  for (std::uint32_t l = 0; l < count; ++l) {
    const float decayed = a.weights[l] * factor;
    const float w = (decayed < 1e-30f ? 0.0f : decayed) + (l == lane ? added : 0.0f);
    a.weights[l] = w;
    heaviest = w > heaviest ? w : heaviest;
  }
  return heaviest;
#endif
}

void move_centre(const stream_header& h, const stream_arrays& a, std::size_t c,
                 const float* target, float rate, float dist, float square) noexcept {
  const std::size_t d = static_cast<std::size_t>(h.d);
  float* centre = a.centroids + c * d;
  for (std::size_t j = 0; j < d; ++j) {
    const float moved = centre[j] + rate * (target[j] - centre[j]);
    centre[j] = moved;
    put_lane(a.lanes + j * a.kp, a.kp, c, moved);
  }
  a.dist_mean[c] += rate * (dist - a.dist_mean[c]);
  a.dist_square[c] += rate * (square - a.dist_square[c]);
  put_lane(a.radius, a.kp, c, radius_of(h, a.dist_mean[c], a.dist_square[c]));
}

void count_sample(stream_header& h, float square, bool anomaly) noexcept {
  h.counters.samples += 1;
  h.counters.anomalies += anomaly ? 1 : 0;
  h.counters.inertia_ewma += h.drift_rate * (square - h.counters.inertia_ewma);
}

std::size_t heaviest_cluster(const stream_arrays& a, std::size_t k) noexcept {
  std::size_t heaviest = 0;
  for (std::size_t c = 1; c < k; ++c)
    if (a.weights[c] > a.weights[heaviest]) heaviest = c;
  return heaviest;
}

bool reseed_dead(stream_header& h, const stream_arrays& a, std::size_t label,
                 const float* x) noexcept {
  if (h.params.dead_fraction == 0.0f) return false;
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
