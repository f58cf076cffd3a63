// scikit-learn's greedy k-means++: each new centre is the best of 2 + floor(ln k) candidates
// drawn with probability proportional to w x D^2, "best" meaning the lowest resulting potential.
// All candidates of one centre are scored in one pass over the data (seeding_score.cpp). Where
// that pass kept each point's distances (hosts, small d), the winner's become the new closest
// distances inside the next draw's scan, so choosing a centre takes one sweep and one scan.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "init.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

// Indices for all trials of one draw in a single scan: b.trial_target[t] are the targets,
// b.trial_index[t] receives what draw_proportional(data, mass, target) would return for each.
// taken (n x trials, may be null): mass[i] becomes taken[i * trials + best] first, for every i.
void draw_trials(const dataset& data, float* mass, std::size_t trials, const float* taken,
                 std::size_t best, const seeding_buffers& b) noexcept {
  std::uint32_t* order = b.trial_order;  // trials sorted by target, insertion sort (trials <= 46)
  for (std::size_t t = 0; t < trials; ++t) {
    std::size_t pos = t;
    while (pos > 0 && b.trial_target[order[pos - 1]] > b.trial_target[t]) {
      order[pos] = order[pos - 1];
      --pos;
    }
    order[pos] = static_cast<std::uint32_t>(t);
  }
  double running = 0.0;
  std::size_t last_positive = 0, next = 0, i = 0;
  for (; i < data.n && next < trials; ++i) {
    if (taken) mass[i] = taken[i * trials + best];
    const double m = weight_of(data, i) * static_cast<double>(mass[i]);
    if (m <= 0.0) continue;
    running += m;
    last_positive = i;
    while (next < trials && running > b.trial_target[order[next]])
      b.trial_index[order[next++]] = static_cast<std::uint32_t>(i);
  }
  for (; next < trials; ++next) b.trial_index[order[next]] = static_cast<std::uint32_t>(last_positive);
  if (taken)
    for (; i < data.n; ++i) mass[i] = taken[i * trials + best];
}

}  // namespace

void kmeans_plus_plus(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                      rng& gen, const seeding_buffers& b, float* centroids) noexcept {
  const std::size_t d = data.d;
  float* closest = b.closest;
  const std::size_t trials = kmeans_plus_plus_trials(k);

  double total_weight = 0.0;
  for (std::size_t i = 0; i < data.n; ++i) total_weight += weight_of(data, i);
  const std::size_t first = draw_proportional(data, nullptr, gen.uniform() * total_weight);
  copy_point(data, first, centroids);
  fill_infinity(closest, data.n);
  update_closest(kt, data, centroids, closest);
  score_candidates(kt, data, closest, 0, b);
  double pot = b.trial_pot[0];

  const float* taken = nullptr;  // the last winner's distances, not yet in closest
  std::size_t taken_best = 0;
  for (std::size_t c = 1; c < k; ++c) {
    for (std::size_t t = 0; t < trials; ++t) b.trial_target[t] = gen.uniform() * pot;
    draw_trials(data, closest, trials, taken, taken_best, b);
    for (std::size_t t = 0; t < trials; ++t)
      copy_point(data, b.trial_index[t], b.trial_centres + t * d);
    const bool kept = score_candidates(kt, data, closest, trials, b);
    std::size_t best = 0;  // strict <: ties keep the earlier trial
    for (std::size_t t = 1; t < trials; ++t)
      if (b.trial_pot[t] < b.trial_pot[best]) best = t;
    float* centre = centroids + c * d;
    std::memcpy(centre, b.trial_centres + best * d, d * sizeof(float));
    pot = b.trial_pot[best];
    taken = kept ? b.trial_dist : nullptr;
    taken_best = best;
    if (!kept && c + 1 < k) update_closest(kt, data, centre, closest);
  }
}

}  // namespace tinykm::detail
