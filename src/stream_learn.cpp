#include "stream_learn.hpp"

#include <cmath>
#include <cstring>

namespace tinykm::detail {

void decay_weights(const stream_arrays& a, std::size_t k, float factor) noexcept {
  if (factor == 1.0f) return;
  for (std::size_t c = 0; c < k; ++c) {
    const float w = a.weights[c] * factor;
    a.weights[c] = w < 1e-30f ? 0.0f : w;
  }
}

float add_weight(const stream_header& h, const stream_arrays& a, std::size_t c,
                 float added) noexcept {
  a.weights[c] += added;
  if (h.params.rule == update_rule::fixed_rate)
    return added == 1.0f ? h.params.learning_rate
                         : 1.0f - std::pow(1.0f - h.params.learning_rate, added);
  return added / a.weights[c];
}

void move_centre(const stream_header& h, const stream_arrays& a, std::size_t c,
                 const float* target, float rate, float dist, float square) noexcept {
  const std::size_t d = static_cast<std::size_t>(h.d);
  float* centre = a.centroids + c * d;
  for (std::size_t j = 0; j < d; ++j) centre[j] += rate * (target[j] - centre[j]);
  a.dist_mean[c] += rate * (dist - a.dist_mean[c]);
  a.dist_square[c] += rate * (square - a.dist_square[c]);
  refresh_radius(h, a, c);
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
  const std::size_t heaviest = heaviest_cluster(a, k);
  std::size_t lightest = 0;
  for (std::size_t c = 1; c < k; ++c)
    if (a.weights[c] < a.weights[lightest]) lightest = c;
  if (label != heaviest || lightest == heaviest) return false;
  if (!(a.weights[lightest] < h.params.dead_fraction * a.weights[heaviest])) return false;
  const float* centre = a.centroids + heaviest * d;
  if (std::memcmp(centre, x, d * sizeof(float)) == 0) return false;  // nothing to split along
  std::memcpy(a.centroids + lightest * d, x, d * sizeof(float));
  const float half = 0.5f * a.weights[heaviest];
  a.weights[heaviest] = half;
  a.weights[lightest] = half;
  a.dist_mean[lightest] = a.dist_mean[heaviest];
  a.dist_square[lightest] = a.dist_square[heaviest];
  a.radius[lightest] = a.radius[heaviest];
  h.counters.reseeds += 1;
  return true;
}

}  // namespace tinykm::detail
