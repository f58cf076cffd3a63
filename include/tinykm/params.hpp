// Parameters and results of batch k-means. Every field's default is the value written here.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/parallel.hpp"

namespace tinykm {

enum class init_method : std::int32_t {
  kmeans_plus_plus = 0,  // greedy k-means++: 2 + floor(ln k) candidate draws per centre, weighted
  random = 1,            // k distinct points drawn uniformly without replacement
  farthest_point = 2,    // a random first point, then repeatedly the point farthest from all chosen
  user = 3,              // fit_params::initial_centroids (k x d, row-major); n_init is ignored
  // k-means|| (Bahmani et al. 2012) for large n: 5 rounds each pick about 2k points with
  // probability proportional to w x D^2, weighted by the points nearest each, reduced to k by
  // greedy k-means++ on them. Hosts only: compact (firmware) builds refuse it (invalid_argument).
  // In full fits (n_init 10, 1 thread, Zen 4) it took 0.5-0.85x k-means++'s time at k >= 32 and
  // ended lower where k is the planted cluster count (sensor-16d -1.2 %, embed-128d -1.4 % mean
  // inertia), but higher where k is not (the same data at k = 32: +0.16 % over 12 seeds;
  // embed-128d's first 20k rows at k = 64: +0.24 %, all 10 seeds), and no faster at k <= 16
  // (sensor-3d 1.25x).
  kmeans_parallel = 4,
  // The default: k-means|| where greedy k-means++ costs several times more for about the same
  // inertia, else k-means++ (detail::chosen_init). k-means|| is picked on hosts for d > 16 (where
  // k-means++ has no candidate-column kernel), k >= 64 and n >= 16 x its candidate cap (20k + 1):
  // full fits, n_init 10, 1 thread, CPU time, Intel Xeon (family 6, model 167) beside a second
  // job: embed-128d (100k x 128, k = 256) 30.3 -> 8.4 s at +0.05 % inertia; its k = 64: 9.0 ->
  // 4.7 s, +0.02 %.
  // Left to k-means++: 20k x 128 at k = 128 (1.8x faster but +0.58 %), sensor-16d (1.15x).
  automatic = 5,
};

enum class empty_cluster_policy : std::int32_t {
  keep = 0,              // an empty cluster keeps its centre unchanged
  relocate_farthest = 1, // it moves onto the point farthest from its centre (scikit-learn's rule);
                         // that point's weight is moved from its old cluster in the same update
  split_largest = 2,     // it moves half-way from the heaviest cluster's centre towards that
                         // cluster's farthest member, splitting the heaviest cluster in two
};

// How the Lloyd iterations find each point's nearest centre. Every choice gives the same labels,
// centres, inertia and iteration count, bit for bit: only time and workspace differ.
enum class lloyd_algorithm : std::int32_t {
  lloyd = 0,      // every point against every centre, every iteration; the smallest workspace
  bounded = 1,    // Hamerly's bounds (an upper bound to the own centre, a lower bound to all
                  // others, kept across iterations with the triangle inequality): a point whose
                  // bounds prove its label skips the distance pass, any other is recomputed by
                  // the same kernel. Adds 12 bytes per point and a small block buffer to the
                  // workspace. Firmware (compact) builds run lloyd for it, at lloyd's size.
  automatic = 2,  // bounded where it measurably wins (bench/bench_lloyd.cpp: fit_algorithm),
                  // else lloyd; always lloyd in compact builds and when n_iter_check != 0
};

// What fit() does after each restart's Lloyd iterations converge (or stop).
enum class refinement : std::int32_t {
  none = 0,      // nothing: Lloyd's centres are the restart's result
  hartigan = 1,  // Hartigan-style single-point moves (R's default k-means): sweeps over the
                 // points in index order move a point x of weight w from cluster a (weight W_a)
                 // to b when W_b / (W_b + w) |x - c_b|^2 < W_a / (W_a - w) |x - c_a|^2, which
                 // lowers the inertia, until a sweep moves nothing (or refine_max_sweeps).
                 // Serial, the same bits for any thread count; kept only when the final
                 // inertia is lower. Adds 4 n + 12 k d + 4 k min(16384 / k, 256) + 8 k bytes
                 // to the workspace (kmeans.hpp). Each sweep costs one distances pass plus an
                 // exact float64 scan for the points a bound cannot settle: 2-11x the time
                 // of the Lloyd fit on the reference shapes. Compact builds and mpi::fit skip
                 // it (none).
  // Split-and-merge (after I-k-means-+, Ismkhan 2018): an attempt takes the centre whose
  // cluster merges into another at the least cost (Ward's W_a W_b / (W_a + W_b) |c_a - c_b|^2),
  // puts it inside the cluster with the largest SSE (half-way to its farthest member, then 3
  // passes of 2-means among that cluster's points) and runs Lloyd to convergence; kept only when
  // the inertia drops, else undone. It stops once the merge costs no less than the local split
  // gains (most fits stop there, without a Lloyd run), after split_merge_max_attempts, or after
  // split_merge_max_failures undone ones in a row; then a last Lloyd run at tol x
  // split_merge_polish_tol, kept likewise, polishes what tol left. Fixes what Lloyd and
  // single-point moves cannot: two centres on one blob while one centre covers two. Decisions
  // from the assign kernel's labels and float64 sums: the same bits for any thread count and
  // backend. result.iterations counts the first Lloyd run only. Adds 4 n + 4 k d + 24 k bytes
  // to the workspace (kmeans.hpp). On bench/compare (10 restarts) it adds 0.1-1.3x the fit's
  // time. Compact builds and mpi::fit skip it (none).
  split_merge = 2,
};

// Sweeps a hartigan refinement runs at most per restart.
inline constexpr std::uint32_t refine_max_sweeps = 64;
// Attempts a split_merge refinement makes at most per restart, and failed ones in a row after
// which it stops.
inline constexpr std::uint32_t split_merge_max_attempts = 32;
inline constexpr std::uint32_t split_merge_max_failures = 4;
// The last Lloyd run of a split_merge refinement stops at this fraction of fit_params::tol.
inline constexpr double split_merge_polish_tol = 0.01;

struct fit_params {
  std::size_t k = 8;                                   // number of clusters, 1 <= k <= n
  init_method init = init_method::automatic;           // how the centres start
  std::uint32_t n_init = 1;                            // restarts; the lowest inertia wins (>= 1)
  std::uint32_t max_iter = 300;                        // Lloyd iterations per restart (>= 1)
  // Stop when the summed squared centre shift of one iteration is <= tol x (mean per-feature
  // variance of the data), as scikit-learn does. tol = 0 stops only when no centre moves.
  double tol = 1e-4;
  // Every n_iter_check iterations, stop when inertia improved by less than a relative 1e-6 since
  // the previous check. 0 turns the check off.
  std::uint32_t n_iter_check = 0;
  empty_cluster_policy empty_cluster = empty_cluster_policy::relocate_farthest;
  std::uint64_t seed = 0;                              // same seed -> bit-identical result
  const float* initial_centroids = nullptr;            // k x d, only read for init_method::user
  // The caller's threads for the assignment and update passes (default: none, all on the
  // calling thread). The result is bit-identical with or without it, for any thread count.
  // Setting it adds 4 x n bytes (labels) and 8 per parallel_chunk_points points to the workspace.
  parallel_for parallel{};
  lloyd_algorithm algorithm = lloyd_algorithm::automatic;  // same result either way
  refinement refine = refinement::none;                   // after Lloyd, per restart
};

namespace detail {
// Seed of restart `run` of a fit seeded with `seed`: restarts are independent streams, so
// adding restarts never changes what the earlier ones computed.
constexpr std::uint64_t restart_seed(std::uint64_t seed, std::uint32_t run) noexcept {
  return seed ^ (0xd1b54a32d192ed03ULL * (static_cast<std::uint64_t>(run) + 1));
}
}  // namespace detail

// The seed with which a one-restart fit() runs restart `run` of a fit seeded with `seed`:
// fit() with n_init = 1 and seed = restart_fit_seed(S, r) gives the centres, inertia, iteration
// count and convergence of restart r of fit() with n_init = N > r and seed = S. A caller that
// runs the restarts one at a time (the CLI, to show progress) and keeps the first lowest
// inertia gets fit()'s model.
constexpr std::uint64_t restart_fit_seed(std::uint64_t seed, std::uint32_t run) noexcept {
  return detail::restart_seed(seed, run) ^ detail::restart_seed(0, 0);
}

struct fit_result {
  double inertia = 0.0;              // sum of w * squared distance to the nearest final centre
  std::uint32_t iterations = 0;      // Lloyd iterations run by the winning restart
  bool converged = false;            // the winning restart stopped on tol or n_iter_check
  std::uint32_t best_init = 0;       // index of the winning restart (0-based)
  std::uint32_t empty_clusters = 0;  // empty clusters met and handled, over every restart
};

}  // namespace tinykm
