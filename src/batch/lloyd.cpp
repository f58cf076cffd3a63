#include "lloyd.hpp"

#include <cstring>

#include "assign_pass.hpp"
#include "bounded_lloyd.hpp"
#include "empty_clusters.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

// update_centres(); static with one caller in compact builds, so it stays inside
// lloyd_iteration's frame there (the firmware's fit stack).
void finish_iteration(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                      empty_cluster_policy policy, fit_scratch& s, iteration_outcome& out) {
  for (std::size_t c = 0; c < k; ++c) out.empty_clusters += s.weight_sums[c] == 0.0 ? 1u : 0u;
  if (out.empty_clusters != 0) repair_empty_clusters(kt, data, k, out.empty_clusters, policy, s);
  out.center_shift = move_centres(s.sums, s.weight_sums, k, data.d, s.centroids);
}

}  // namespace

iteration_outcome lloyd_iteration(const kernels::kernel_table& kt, const dataset& data,
                                  std::size_t k, empty_cluster_policy policy, fit_scratch& s) {
  iteration_outcome out{};
  out.inertia_before = assign_pass(kt, data, s.centroids, k, s, s.sums, s.weight_sums);
  finish_iteration(kt, data, k, policy, s, out);
  return out;
}

#if !TINYKM_COMPACT_CODE  // the bounded Lloyd's, which compact builds do not have
void update_centres(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                    empty_cluster_policy policy, fit_scratch& s, iteration_outcome& out) {
  finish_iteration(kt, data, k, policy, s, out);
}
#endif

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
#if !TINYKM_COMPACT_CODE  // compact builds have no bounded Lloyd
  if (runs_bounded(params, data.n, data.d)) return run_bounded_lloyd(kt, data, params, scaled_tol, s);
#endif
  iteration_outcome step{};
  lloyd_outcome out = lloyd_loop(
      params, scaled_tol,
      [&](std::uint32_t, bool, iteration_outcome& last) {
        last = lloyd_iteration(kt, data, params.k, params.empty_cluster, s);
      },
      step);
  // When no centre moved in the last step, the inertia that step measured is already the
  // inertia of the final centres; otherwise one more assignment pass measures it.
  out.inertia = step.center_shift == 0.0
                    ? step.inertia_before
                    : assign_pass(kt, data, s.centroids, params.k, s, nullptr, nullptr);
  return out;
}

}  // namespace tinykm::detail
