// How fit() carves the caller's workspace into its scratch buffers: one layout description
// (workspace.cpp, tinykm/layout.hpp) serves fit_workspace_size() and fit().
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "tinykm/params.hpp"
#include "tinykm/size_math.hpp"

namespace tinykm::detail {

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
  float* init_dist = nullptr;            // n for k-means++ / farthest-point, else null
  // k-means++ only (else null), T = kmeans_plus_plus_trials(k) candidates per centre:
  float* trial_centres = nullptr;        // T x d
  double* trial_chunk_pot = nullptr;     // T per chunk of parallel_chunk_points points
  double* trial_target = nullptr;        // T
  double* trial_pot = nullptr;           // T
  std::uint32_t* trial_index = nullptr;  // T
  std::uint32_t* trial_order = nullptr;  // T
  std::uint32_t* init_index = nullptr;   // k for random init, else null
#if !TINYKM_COMPACT_CODE  // compact builds run plain Lloyd only (and keep fit's stack)
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
  // Hartigan refinement only (refine.hpp: runs_refine), else null:
  std::int32_t* refine_labels = nullptr; // n, each point's cluster
  double* refine_means = nullptr;        // k x d, each cluster's mean
  float* refine_backup = nullptr;        // k x d, the means in float, then Lloyd's centres
  float* refine_dists = nullptr;         // bounded_rows(k) x k, a chunk's distances to them
  std::uint64_t* refine_changed = nullptr; // k, the visit after each cluster's last change
#endif
};

// kernels::prepared_floats(k, d), saturated at SIZE_MAX.
constexpr std::size_t prepared_floats_sat(std::size_t k, std::size_t d) noexcept {
  return mul_sat(round_up_sat(k, kernels::prepared_lanes), add_sat(d, 1));
}

// Candidates k-means++ draws per centre: 2 + floor(ln k), scikit-learn's choice (<= 46).
std::size_t kmeans_plus_plus_trials(std::size_t k) noexcept;

// Bytes needed (including slack to align an unaligned buffer), or SIZE_MAX on overflow.
std::size_t fit_scratch_bytes(const fit_params& params, std::size_t n, std::size_t d) noexcept;

// Carves an already size-checked workspace.
fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept;

}  // namespace tinykm::detail
