// fit(): validation, restarts, and the choice of the best restart.

#include "init.hpp"
#include "kernels.hpp"
#include "lloyd.hpp"
#include "random.hpp"
#include "refine.hpp"
#include "tinykm/kmeans.hpp"
#include "validate.hpp"
#include "workspace.hpp"

namespace tinykm {

namespace {

// tol is relative to the data's spread, as in scikit-learn: tol x mean over features of the
// (unweighted) variance. Two passes in float64; the means borrow the sums buffer.
double scaled_tolerance(const detail::dataset& data, double tol, double* means) noexcept {
  if (tol == 0.0) return 0.0;
  const std::size_t d = data.d;
  for (std::size_t j = 0; j < d; ++j) means[j] = 0.0;
  for (std::size_t i = 0; i < data.n; ++i)
    for (std::size_t j = 0; j < d; ++j) means[j] += static_cast<double>(data.points[i * d + j]);
  for (std::size_t j = 0; j < d; ++j) means[j] /= static_cast<double>(data.n);
  double squares = 0.0;
  for (std::size_t i = 0; i < data.n; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const double t = static_cast<double>(data.points[i * d + j]) - means[j];
      squares += t * t;
    }
  return tol * squares / (static_cast<double>(data.n) * static_cast<double>(d));
}

}  // namespace

std::size_t fit_workspace_size(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  return detail::fit_scratch_bytes(params, n, d);
}

init_method chosen_init(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  return detail::chosen_init(params.init, n, d, params.k);
}

status fit(const float* points, std::size_t n, std::size_t d, const float* weights,
           const fit_params& params, model_view& model, void* workspace,
           std::size_t workspace_bytes, fit_result* result) noexcept {
  status s = detail::check_fit_shape(points, n, d, params, model, workspace, workspace_bytes);
  if (s == status::ok &&
      detail::fit_buffers_overlap(points, n, d, weights, params, model, workspace,
                                  fit_workspace_size(params, n, d), result,
                                  result != nullptr ? sizeof *result : 0))
    s = status::invalid_argument;
  if (s == status::ok) s = detail::check_fit_data(points, n, d, weights, params);
  if (s != status::ok) return s;

  const kernels::kernel_table& kt = kernels::active();
  const detail::dataset data{points, n, d, weights, &params.parallel};
  detail::fit_scratch scratch = detail::carve_fit_scratch(params, n, d, workspace);
  const double scaled_tol = scaled_tolerance(data, params.tol, scratch.sums);
  const std::uint32_t runs = params.init == init_method::user ? 1 : params.n_init;

  fit_result best{};
  for (std::uint32_t run = 0; run < runs; ++run) {
    detail::init_centroids(kt, data, params, detail::restart_seed(params.seed, run), scratch);
    detail::lloyd_outcome out = detail::run_lloyd(kt, data, params, scaled_tol, scratch);
#if !TINYKM_COMPACT_CODE
    if (detail::runs_refine(params) && params.refine == refinement::hartigan)
      detail::refine_hartigan(kt, data, params.k, scratch, out);
    if (detail::runs_refine(params) && params.refine == refinement::split_merge)
      detail::refine_split_merge(kt, data, params, scaled_tol, scratch, out);
#endif
    detail::keep_best(run, out, scratch.centroids, params.k * d, best, model.centroids);
  }
  model.k = params.k;
  model.d = d;
  if (result != nullptr) *result = best;
  return status::ok;
}

}  // namespace tinykm
