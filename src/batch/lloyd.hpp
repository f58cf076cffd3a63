// The Lloyd loop: assign every point to its nearest centre, move each centre to the weighted
// mean of its points, repeat. Internal; fit() validates everything before calling in here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

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

// The rest of an iteration once s.sums / s.weight_sums hold the pass's totals (s.prepared the
// centres'): counts and repairs empty clusters into out.empty_clusters, moves the centres.
void update_centres(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                    empty_cluster_policy policy, fit_scratch& s, iteration_outcome& out);

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

// The stopping rules of the Lloyd loop, written once for plain and bounded Lloyd: calls
// step(it, check) for it = 1, 2, .. (check: n_iter_check measures inertia_before this iteration)
// until tol (already scaled), n_iter_check or max_iter stops it. `last` receives the last step;
// the caller measures the final inertia.
template <typename Step>
lloyd_outcome lloyd_loop(const fit_params& params, double scaled_tol, Step&& step,
                         iteration_outcome& last) {
  lloyd_outcome out{};
  double checked_inertia = std::numeric_limits<double>::infinity();
  for (std::uint32_t it = 1; it <= params.max_iter; ++it) {
    const bool check = params.n_iter_check != 0 && it % params.n_iter_check == 0;
    step(it, check, last);
    out.iterations = it;
    out.empty_clusters += last.empty_clusters;
    if (last.center_shift <= scaled_tol) {
      out.converged = true;
      break;
    }
    if (check) {
      if (checked_inertia - last.inertia_before < 1e-6 * checked_inertia) {
        out.converged = true;
        break;
      }
      checked_inertia = last.inertia_before;
    }
  }
  return out;
}

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
