// How fit() carves the caller's workspace into its scratch buffers: one layout description
// (workspace.cpp, tinykm/layout.hpp) serves fit_workspace_size() and fit().
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "tinykm/config.hpp"
#include "tinykm/params.hpp"
#include "tinykm/size_math.hpp"

namespace tinykm::detail {

// Greedy k-means++'s buffers (fit_scratch::seeding, and k-means|| hands them to the k-means++ on
// its candidates), sized for at most n points; T = kmeans_plus_plus_trials(k). Null when unused.
struct seeding_buffers {
  float* closest = nullptr;            // n for k-means++ / k-means|| / farthest-point: each
                                       // point's squared distance to its nearest chosen centre
  float* trial_centres = nullptr;      // T x d
  double* trial_chunk_pot = nullptr;   // T per chunk of parallel_chunk_points points
  double* trial_target = nullptr;      // T
  double* trial_pot = nullptr;         // T
  std::uint32_t* trial_index = nullptr;  // T
  std::uint32_t* trial_order = nullptr;  // T
  // Hosts (not compact_code) scoring with candidate_min, d <= candidate_max_d, else null:
  float* trial_columns = nullptr;      // d x candidate_lanes, the candidates transposed: the
                                       // prepared centres' memory (carve_fit_scratch)
};

// Pointers into the caller's workspace, every one 64-byte aligned. Sizes in elements.
struct fit_scratch {
  double* sums = nullptr;                // k x d, per-cluster weighted sums
  double* weight_sums = nullptr;         // k
  float* centroids = nullptr;            // k x d, centres of the restart that is running
  float* prepared = nullptr;             // kernels::prepared_floats(k, d): the same, blocked
  // One slot per group of chunks with a parallel_for (chunks.hpp: group_count), else one:
  std::int32_t* block_labels = nullptr;  // slots x block_points
  float* block_dists = nullptr;          // slots x block_points
  double* group_sums = nullptr;          // slots x k x (d + 1): a group's partial sums, weights
  double* chunk_inertia = nullptr;       // one per chunk of parallel_chunk_points points
  std::uint32_t* far_index = nullptr;    // k, empty-cluster repair: chosen points
  float* far_dist = nullptr;             // k, and their distances
  seeding_buffers seeding;               // k-means++ / k-means|| / farthest-point (above)
  std::uint32_t* init_index = nullptr;   // k for random init, else null
#if !TINYKM_COMPACT_CODE  // compact builds run plain Lloyd only and refuse k-means|| (fit()'s stack)
  // k-means|| only (else null), C = kmeans_parallel_cap(k) candidates, R = C's per-round cap:
  float* par_candidates = nullptr;       // C x d
  float* par_weights = nullptr;          // C, the weight of the points nearest each
  double* par_weight_sums = nullptr;     // C
  float* par_prepared = nullptr;         // kernels::prepared_floats(R, d): one round's picks
  std::uint32_t* par_nearest = nullptr;  // n, each point's nearest candidate
  std::uint32_t* par_chunk_picks = nullptr;  // per chunk of parallel_chunk_points points
  // Bounded Lloyd only (bounded_lloyd.hpp: runs_bounded), else null:
  std::int32_t* point_labels = nullptr;  // n, each point's label
  float* upper = nullptr;                // n, upper bound of its distance to its centre
  float* lower = nullptr;                // n, lower bound of its distance to every other centre
  float* old_centroids = nullptr;        // k x d, the centres before the move
  float* centre_move = nullptr;          // k, upper bound of each centre's move (distance)
  float* centre_half = nullptr;          // k, lower bound of half its gap to the nearest other
  float* gather_points = nullptr;        // slots x bounded_rows(k) x d, unproven points
  float* gather_dists = nullptr;         // slots x bounded_rows(k) x (k + 3), their distances
  std::uint32_t* gather_index = nullptr; // slots x block_points, a block's unproven points
  std::size_t* slot_changes = nullptr;   // slots, labels changed by a plain pass
  // A refinement only (refine.hpp: runs_refine), else null; the means and distances for
  // hartigan only, the costs for split_merge only:
  std::int32_t* refine_labels = nullptr; // n, each point's cluster
  double* refine_means = nullptr;        // k x d, each cluster's mean
  float* refine_backup = nullptr;        // k x d, the means in float, then Lloyd's centres
                                         // (split_merge: the centres before an attempt)
  float* refine_dists = nullptr;         // bounded_rows(k) x k, a chunk's distances to them
  std::uint64_t* refine_changed = nullptr; // k, the visit after each cluster's last change
                                           // (split_merge: whether it was tried)
  double* refine_costs = nullptr;          // 2k, split_merge only: each cluster's SSE, removal cost
#endif
};

// kernels::prepared_floats(k, d), saturated at SIZE_MAX.
constexpr std::size_t prepared_floats_sat(std::size_t k, std::size_t d) noexcept {
  return mul_sat(round_up_sat(k, kernels::prepared_lanes), add_sat(d, 1));
}

// Candidates k-means++ draws per centre: 2 + floor(ln k), scikit-learn's choice (<= 46).
std::size_t kmeans_plus_plus_trials(std::size_t k) noexcept;

// k-means||'s sizes (kmeans_parallel.cpp): rounds, candidates one round keeps at most (twice the
// expected l = 2k) and candidates in all (the first one, then every round's).
inline constexpr std::size_t kmeans_parallel_rounds = 5;
constexpr std::size_t kmeans_parallel_round_cap(std::size_t k) noexcept { return mul_sat(k, 4); }
constexpr std::size_t kmeans_parallel_cap(std::size_t k) noexcept {
  return add_sat(1, mul_sat(kmeans_parallel_rounds, kmeans_parallel_round_cap(k)));
}
static_assert(kmeans_parallel_cap(max_k) < 0x80000000u, "k-means|| marks picks in bit 31");

// The initialisation a fit runs: `init`, with init_method::automatic resolved (params.hpp says
// where k-means|| measured faster for about the same inertia). Compact builds have no k-means||.
constexpr init_method chosen_init(init_method init, std::size_t n, std::size_t d,
                                  std::size_t k) noexcept {
  if (init != init_method::automatic) return init;
  const bool parallel_wins = !kernels::compact_code && d > kernels::candidate_max_d && k >= 64 &&
                             n / 16 >= kmeans_parallel_cap(k);
  return parallel_wins ? init_method::kmeans_parallel : init_method::kmeans_plus_plus;
}

// Whether k-means++ scores its candidates with candidate_min (hosts, d <= 16, T <=
// column_trials_max: k < e^9, every k of the default max_k, so its lane sums stay small on the
// stack); trial_columns then borrows fit_scratch::prepared.
inline constexpr std::size_t column_trials_max = 10;
constexpr bool scores_in_columns(std::size_t trials, std::size_t d) noexcept {
  return !kernels::compact_code && trials != 0 && trials <= column_trials_max &&
         d <= kernels::candidate_max_d;
}

// Bytes needed (including slack to align an unaligned buffer), or SIZE_MAX on overflow.
std::size_t fit_scratch_bytes(const fit_params& params, std::size_t n, std::size_t d) noexcept;

// Carves an already size-checked workspace.
fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept;

}  // namespace tinykm::detail
