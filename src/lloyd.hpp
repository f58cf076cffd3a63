// The Lloyd loop: assign every point to its nearest centre, move each centre to the weighted
// mean of its points, repeat. Internal; fit() validates everything before calling in here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "kernels/kernels.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// The data one fit works on, and the threads it may use. weights may be null (all 1);
// parallel may be null or have a null run (everything on the calling thread).
struct dataset {
  const float* points;
  std::size_t n;
  std::size_t d;
  const float* weights;
  const parallel_for* parallel = nullptr;
};

// Weight of point i (1 without weights).
inline double weight_of(const dataset& data, std::size_t i) noexcept {
  return data.weights ? static_cast<double>(data.weights[i]) : 1.0;
}

// One assignment pass over all points (assign_pass.cpp), fused block by block: no per-point
// storage. Also fills s.prepared from `centroids`. Returns the inertia of `centroids`. When
// sums/weight_sums are non-null they are zeroed and receive the per-cluster weighted sums of the
// same pass. The summation order is fixed by n alone, so the bits are the same with or without
// data.parallel, for any thread count.
double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums);

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
