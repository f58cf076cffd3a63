#include "lloyd.hpp"

#include <cstring>
#include <limits>

#include "empty_clusters.hpp"
#include "inertia_sum.hpp"
#include "parallel_pass.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums) {
  const std::size_t d = data.d;
  kernels::prepare_centroids(centroids, k, d, s.prepared);
  if (data.parallel != nullptr && data.parallel->run != nullptr)
    return parallel_assign_pass(kt, data, centroids, k, s, sums, weight_sums);
  if (sums != nullptr) {
    std::memset(sums, 0, k * d * sizeof(double));
    std::memset(weight_sums, 0, k * sizeof(double));
  }
  double total = 0.0;
  // Inertia is summed as inertia_sum.hpp says, as the parallel pass does it.
  for (std::size_t chunk = 0; chunk < data.n; chunk += parallel_chunk_points) {
    const std::size_t end =
        data.n - chunk < parallel_chunk_points ? data.n : chunk + parallel_chunk_points;
    chunk_inertia_sum chunk_total;
    for (std::size_t start = chunk; start < end; start += block_points) {
      const std::size_t count = end - start < block_points ? end - start : block_points;
      const float* block = data.points + start * d;
      const float* w = data.weights ? data.weights + start : nullptr;
      kt.assign(block, count, d, centroids, s.prepared, k, s.block_labels, s.block_dists);
      chunk_total.add(w, s.block_dists, count);
      if (sums != nullptr) kt.accumulate(block, w, count, d, s.block_labels, sums, weight_sums);
    }
    total += chunk_total.total();
  }
  return total;
}

iteration_outcome lloyd_iteration(const kernels::kernel_table& kt, const dataset& data,
                                  std::size_t k, empty_cluster_policy policy, fit_scratch& s) {
  const std::size_t d = data.d;
  iteration_outcome out{};
  out.inertia_before = assign_pass(kt, data, s.centroids, k, s, s.sums, s.weight_sums);
  for (std::size_t c = 0; c < k; ++c) out.empty_clusters += s.weight_sums[c] == 0.0 ? 1u : 0u;
  if (out.empty_clusters != 0) repair_empty_clusters(kt, data, k, policy, s);

  double shift = 0.0;
  for (std::size_t c = 0; c < k; ++c) {
    if (s.weight_sums[c] == 0.0) continue;  // still empty: the centre stays where it is
    float* centre = s.centroids + c * d;
    for (std::size_t j = 0; j < d; ++j) {
      const auto moved = static_cast<float>(s.sums[c * d + j] / s.weight_sums[c]);
      const double delta = static_cast<double>(moved) - static_cast<double>(centre[j]);
      shift += delta * delta;
      centre[j] = moved;
    }
  }
  out.center_shift = shift;
  return out;
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
