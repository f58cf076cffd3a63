// What the seeding methods share: greedy k-means++'s buffers (the fit's own, or k-means||'s for
// its weighted candidates) and the passes that keep each point's distance to its nearest centre.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "chunks.hpp"
#include "dataset.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "random.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

inline void copy_point(const dataset& data, std::size_t index, float* dst) noexcept {
  std::memcpy(dst, data.points + index * data.d, data.d * sizeof(float));
}

inline void fill_infinity(float* dist, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) dist[i] = std::numeric_limits<float>::infinity();
}

// b.trial_order: the trials sorted by b.trial_target (insertion sort: trials <= 46).
inline void order_targets(std::size_t trials, const seeding_buffers& b) noexcept {
  std::uint32_t* order = b.trial_order;
  for (std::size_t t = 0; t < trials; ++t) {
    std::size_t pos = t;
    while (pos > 0 && b.trial_target[order[pos - 1]] > b.trial_target[t]) {
      order[pos] = order[pos - 1];
      --pos;
    }
    order[pos] = static_cast<std::uint32_t>(t);
  }
}

// closest[i] = min(closest[i], squared distance from point i to centre), chunk by chunk.
inline void update_closest(const kernels::kernel_table& kt, const dataset& data,
                           const float* centre, float* closest) noexcept {
  auto chunk_fn = [&](std::size_t chunk) {
    const std::size_t begin = chunk_begin(chunk);
    kt.min_distance(data.points + begin * data.d, chunk_end(chunk, data.n) - begin, data.d,
                    centre, closest + begin, closest + begin);
  };
  run_chunks(data, chunk_fn);
}

// Points per summing block of a candidate's potential on hosts (8 lanes, a fixed tree, then
// added to its chunk's total: the bits): 64 at d <= 4, where min_distance scores a block at a
// time, 16 beyond, where candidate_min or distances score 16 points a call (trial_potentials'
// blocks, kernels.hpp).
constexpr std::size_t host_score_block(std::size_t d) noexcept { return kernels::potential_block(d); }

// The potential of one summing block into pot (chunk_inertia_sum's lanes and tree); w may be null.
inline void add_block(const float* w, const float* dist, std::size_t count, double& pot) noexcept {
  chunk_inertia_sum block_pot;
  if (!kernels::compact_code && w == nullptr)
    block_pot.add_unweighted(dist, count);  // the same sums, vectorised
  else
    block_pot.add(w, dist, count);
  pot += block_pot.total();
}

// The potential sum_i w_i min(closest_i, |x_i - candidate_t|^2) of every candidate t of
// b.trial_centres (sum_i w_i closest_i when trials == 0) into b.trial_pot (seeding_score.cpp).
void score_candidates(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, const seeding_buffers& b) noexcept;

// update_closest for the winner of a k-means++ step (seeding_score.cpp): candidate_min on one
// column where it is faster than min_distance (hosts, 4 < d <= 16), the same bits either way.
void move_closest(const kernels::kernel_table& kt, const dataset& data, const float* centre,
                  const seeding_buffers& b) noexcept;

// k-means++'s draw (seeding_draw.cpp): b.trial_index[t] for each target b.trial_target[t], with
// probability proportional to w_i closest_i, in two levels: the chunk whose running total of
// chunk_mass[chunk * stride] passes the target, then the point of that chunk whose running sum
// from the total before it passes it (else that chunk's last point of positive mass; targets
// past every chunk go to the last chunk with mass; without any mass, point 0). chunk_mass is the
// scoring's slot of the winning trial, added in chunk order as the potential is. `winner`
// (hosts' one-sweep steps, else null): closest lags it, so a chunk is moved to it before it is read.
void draw_in_chunks(const kernels::kernel_table& kt, const dataset& data,
                    const double* chunk_mass, std::size_t stride, const float* winner,
                    std::size_t trials, const seeding_buffers& b) noexcept;

#if !TINYKM_COMPACT_CODE
// One-sweep steps (seeding_lagged.cpp): whether they apply (one thread; candidate_min for
// 4 < d <= 16); score_lagged moves closest to `winner` (the previous step's centre) and scores
// the trials in one sweep, their chunk masses in b.trial_chunk_pot as score_candidates leaves them.
bool lagged_applies(const kernels::kernel_table& kt, const dataset& data, std::size_t trials,
                    const seeding_buffers& b) noexcept;
void score_lagged(const kernels::kernel_table& kt, const dataset& data, const float* winner,
                  std::size_t trials, const seeding_buffers& b) noexcept;
#endif

// Greedy k-means++ (init.cpp): k centres of data into centroids (k x d). Hosts only (k-means||
// calls it; init_centroids has its own copy, which firmware inlines).
void kmeans_plus_plus(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                      rng& gen, const seeding_buffers& b, float* centroids) noexcept;

// k-means|| (kmeans_parallel.cpp): k centres into s.centroids. Hosts only.
void kmeans_parallel(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     rng& gen, fit_scratch& s) noexcept;

}  // namespace tinykm::detail
