// Initialisations: which one runs, greedy k-means++ (its scoring in seeding_score.cpp), random
// without replacement and farthest-point; k-means|| has a file of its own. (k-means++ shares
// this file with the small ones so that a firmware's one translation unit inlines the random
// generator once: ports/cortex-m footprint.)
#include "init.hpp"

#include <cstdint>
#include <cstring>

#include "kernels.hpp"
#include "random.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

// scikit-learn's greedy k-means++: each new centre is the best of 2 + floor(ln k) candidates
// drawn with probability proportional to w x D^2, "best" meaning the lowest resulting potential.
// All candidates of one centre are scored in one pass over the data (seeding_score.cpp), then a
// pass moves the closest distances to the winner (min_distance: the same bits as the scoring;
// keeping every candidate's distances instead would cost n x T floats of workspace, which
// streams, whose memory bounds fit's, cannot give). On one thread (hosts) that pass
// rides in the next step's sweep instead (seeding_lagged.cpp: the same bits).
void greedy_kmeans_plus_plus(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                             rng& gen, const seeding_buffers& b, float* centroids) noexcept {
  const std::size_t d = data.d;
  float* closest = b.closest;
  const std::size_t trials = kmeans_plus_plus_trials(k);

  const std::size_t first = draw_first_point(data, gen.uniform());
  copy_point(data, first, centroids);
  fill_infinity(closest, data.n);
  update_closest(kt, data, centroids, closest);
  score_candidates(kt, data, closest, 0, b);
  double pot = b.trial_pot[0];

#if TINYKM_COMPACT_CODE
  constexpr bool lagged = false;
#else  // one sweep per step where it applies (seeding_lagged.cpp): closest lags one centre
  const bool lagged = lagged_applies(kt, data, trials, b);
#endif
  std::size_t best = 0;
  for (std::size_t c = 1; c < k; ++c) {
    [[maybe_unused]] const float* previous = centroids + (c - 1) * d;  // hosts: the lagged winner
    for (std::size_t t = 0; t < trials; ++t) b.trial_target[t] = gen.uniform() * pot;
    // The masses of the last scoring's winner: slot 0 of the first step's, else trial `best`.
    const std::size_t stride = c == 1 ? 1 : trials;
    const float* lags = lagged && c > 1 ? previous : nullptr;  // closest lags the winner
    draw_in_chunks(kt, data, b.trial_chunk_pot + (c == 1 ? 0 : best), stride, lags, trials, b);
    for (std::size_t t = 0; t < trials; ++t)
      copy_point(data, b.trial_index[t], b.trial_centres + t * d);
#if !TINYKM_COMPACT_CODE
    if (lagged)
      score_lagged(kt, data, previous, trials, b);
    else
#endif
      score_candidates(kt, data, closest, trials, b);
    best = 0;  // strict <: ties keep the earlier trial
    for (std::size_t t = 1; t < trials; ++t)
      if (b.trial_pot[t] < b.trial_pot[best]) best = t;
    float* centre = centroids + c * d;
    std::memcpy(centre, b.trial_centres + best * d, d * sizeof(float));
    pot = b.trial_pot[best];
    if (c + 1 == k || lagged) continue;  // the last one needs no update; lagged: the next sweep
    if constexpr (kernels::compact_code)
      update_closest(kt, data, centre, closest);
    else
      move_closest(kt, data, centre, b);
  }
}

}  // namespace

#if !TINYKM_COMPACT_CODE  // k-means|| reduces its candidates with it; firmware inlines it once
void kmeans_plus_plus(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                      rng& gen, const seeding_buffers& b, float* centroids) noexcept {
  greedy_kmeans_plus_plus(kt, data, k, gen, b, centroids);
}
#endif

namespace {

// k distinct indices uniformly without replacement (Floyd's algorithm: k draws, no n-sized
// buffer).
void init_random(const dataset& data, std::size_t k, rng& gen, fit_scratch& s) noexcept {
  std::uint32_t* chosen = s.init_index;
  std::size_t count = 0;
  for (std::size_t j = data.n - k; j < data.n; ++j) {
    const auto t = static_cast<std::uint32_t>(gen.below(j + 1));
    bool taken = false;
    for (std::size_t c = 0; c < count; ++c) taken |= chosen[c] == t;
    chosen[count++] = taken ? static_cast<std::uint32_t>(j) : t;
  }
  for (std::size_t c = 0; c < k; ++c) copy_point(data, chosen[c], s.centroids + c * data.d);
}

// A uniformly drawn first centre, then repeatedly the point farthest from every chosen centre
// (ties: the lowest index).
void init_farthest(const kernels::kernel_table& kt, const dataset& data, std::size_t k, rng& gen,
                   fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  float* closest = s.seeding.closest;
  copy_point(data, static_cast<std::size_t>(gen.below(data.n)), s.centroids);
  fill_infinity(closest, data.n);
  for (std::size_t c = 1; c <= k; ++c) {
    update_closest(kt, data, s.centroids + (c - 1) * d, closest);
    if (c == k) break;
    std::size_t far = 0;
    for (std::size_t i = 1; i < data.n; ++i)
      if (closest[i] > closest[far]) far = i;
    copy_point(data, far, s.centroids + c * d);
  }
}

}  // namespace

void init_centroids(const kernels::kernel_table& kt, const dataset& data,
                    const fit_params& params, std::uint64_t seed, fit_scratch& s) noexcept {
  rng gen(seed);
  switch (chosen_init(params.init, data.n, data.d, params.k)) {
    case init_method::automatic:  // chosen_init resolves it: not reached
    case init_method::kmeans_plus_plus:
      greedy_kmeans_plus_plus(kt, data, params.k, gen, s.seeding, s.centroids);
      break;
    case init_method::kmeans_parallel:  // validation refuses it in compact builds
#if !TINYKM_COMPACT_CODE
      kmeans_parallel(kt, data, params.k, gen, s);
#endif
      break;
    case init_method::random: init_random(data, params.k, gen, s); break;
    case init_method::farthest_point: init_farthest(kt, data, params.k, gen, s); break;
    case init_method::user:
      std::memcpy(s.centroids, params.initial_centroids, params.k * data.d * sizeof(float));
      break;
  }
}

}  // namespace tinykm::detail
