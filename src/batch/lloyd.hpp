// The Lloyd loop: assign every point to its nearest centre, move each centre to the weighted
// mean of its points, repeat. Internal; fit() validates everything before calling in here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "dataset.hpp"
#include "kernels.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

struct iteration_outcome {
  double inertia_before;  // inertia of the centres the iteration started from
  double center_shift;    // sum over clusters of the squared distance each centre moved
  std::uint32_t empty_clusters;
};

// One Lloyd iteration in place on s.centroids (k x d): assign + accumulate, repair empty
// clusters by `policy`, move the centres.
iteration_outcome lloyd_iteration(const kernels::kernel_table& kt, const dataset& data,
                                  std::size_t k, empty_cluster_policy policy, fit_scratch& s);

// Moves each centre with weight to sums / weight (empty ones stay); returns the summed squared
// shift.
double move_centres(const double* sums, const double* weight_sums, std::size_t k, std::size_t d,
                    float* centroids) noexcept;

struct lloyd_outcome {
  double inertia;  // of the final centres
  std::uint32_t iterations;
  bool converged;
  std::uint32_t empty_clusters;
};

// Lloyd iterations on s.centroids until tol (already scaled by the data's variance),
// n_iter_check or max_iter stops them.
lloyd_outcome run_lloyd(const kernels::kernel_table& kt, const dataset& data,
                        const fit_params& params, double scaled_tol, fit_scratch& s);

// Restart bookkeeping of fit() and mpi::fit(): adds the restart's empty clusters to best, and
// when its inertia beats the best so far (strictly: ties keep the earlier restart) records it
// and copies its kd centre values into model.
inline void keep_best(std::uint32_t run, const lloyd_outcome& out, const float* centroids,
                      std::size_t kd, fit_result& best, float* model) noexcept {
  best.empty_clusters += out.empty_clusters;
  if (run != 0 && !(out.inertia < best.inertia)) return;
  best.inertia = out.inertia;
  best.iterations = out.iterations;
  best.converged = out.converged;
  best.best_init = run;
  std::memcpy(model, centroids, kd * sizeof(float));
}

}  // namespace tinykm::detail
