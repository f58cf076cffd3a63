#include "lloyd.hpp"

#include <cstring>
#include <limits>

#include "assign_pass.hpp"
#include "empty_clusters.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

iteration_outcome lloyd_iteration(const kernels::kernel_table& kt, const dataset& data,
                                  std::size_t k, empty_cluster_policy policy, fit_scratch& s) {
  const std::size_t d = data.d;
  iteration_outcome out{};
  out.inertia_before = assign_pass(kt, data, s.centroids, k, s, s.sums, s.weight_sums);
  for (std::size_t c = 0; c < k; ++c) out.empty_clusters += s.weight_sums[c] == 0.0 ? 1u : 0u;
  if (out.empty_clusters != 0) repair_empty_clusters(kt, data, k, out.empty_clusters, policy, s);

  out.center_shift = move_centres(s.sums, s.weight_sums, k, d, s.centroids);
  return out;
}

double move_centres(const double* sums, const double* weight_sums, std::size_t k, std::size_t d,
                    float* centroids) noexcept {
  double shift = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    if (weight_sums[c] == 0.0) continue;  // still empty: the centre stays where it is
    float* centre = centroids + c * d;
    for (std::size_t j = 0; j < d; ++j) {
      const auto moved = static_cast<float>(sums[c * d + j] / weight_sums[c]);
      const double delta = static_cast<double>(moved) - static_cast<double>(centre[j]);
      shift += delta * delta;
      centre[j] = moved;
    }
  }
  return shift;
}

lloyd_outcome run_lloyd(const kernels::kernel_table& kt, const dataset& data,
                        const fit_params& params, double scaled_tol, fit_scratch& s) {
  lloyd_outcome out{};
  double checked_inertia = std::numeric_limits<double>::infinity();
  iteration_outcome step{};
  for (std::uint32_t it = 1; it <= params.max_iter; ++it) {
    step = lloyd_iteration(kt, data, params.k, params.empty_cluster, s);
    out.iterations = it;
    out.empty_clusters += step.empty_clusters;
    if (step.center_shift <= scaled_tol) {
      out.converged = true;
      break;
    }
    if (params.n_iter_check != 0 && it % params.n_iter_check == 0) {
      if (checked_inertia - step.inertia_before < 1e-6 * checked_inertia) {
        out.converged = true;
        break;
      }
      checked_inertia = step.inertia_before;
    }
  }
  // When no centre moved in the last step, the inertia that step measured is already the
  // inertia of the final centres; otherwise one more assignment pass measures it.
  out.inertia = step.center_shift == 0.0
                    ? step.inertia_before
                    : assign_pass(kt, data, s.centroids, params.k, s, nullptr, nullptr);
  return out;
}

}  // namespace tinykm::detail
