// mpi::fit: validation agreed by every rank, restarts, and the distributed Lloyd loop. Each
// iteration is the local fused assign + accumulate (the SIMD kernels) and one ordered sum of the
// k x (d + 1) partial sums and the inertia; every decision after it (empty clusters, tol,
// n_iter_check, the best restart) is made from reduced values, so every rank takes the same branch.
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

#include "assign_pass.hpp"
#include "collectives.hpp"
#include "shard.hpp"
#include "random.hpp"
#include "validate.hpp"

namespace tinykm::mpi {

namespace {

using tinykm::detail::dataset;

// This rank's inputs, by fit()'s rules where they apply to a shard.
status check_local(const float* points, std::size_t n_local, std::size_t d, const float* weights,
                   const fit_params& params, const model_view& model, const void* workspace,
                   std::size_t workspace_bytes, std::size_t needed, const fit_result* result,
                   const parallel_init& init) noexcept {
  if (n_local != 0 && points == nullptr) return status::invalid_argument;
  if (!tinykm::detail::floats_fit(n_local, d)) return status::invalid_argument;
  // fit()'s parameter and shape rules; k <= n is checked on the global n, the workspace below.
  static const float placeholder = 0.0f;
  status s = tinykm::detail::check_fit_shape(&placeholder, params.k, d, params, model,
                                             &placeholder, static_cast<std::size_t>(-1));
  if (s != status::ok) return s;
  // farthest-point is serial; kmeans_plus_plus is already k-means|| across ranks (mpi.hpp).
  if (params.init == init_method::farthest_point || params.init == init_method::kmeans_parallel)
    return status::not_available;
  if (init.rounds == 0 || !(init.oversampling > 0.0) || !(init.oversampling < 1e6))
    return status::invalid_argument;
  if (workspace == nullptr) return status::invalid_argument;
  if (needed == static_cast<std::size_t>(-1) || !detail::fits_int(needed / sizeof(float)))
    return status::capacity_exceeded;  // MPI counts are int
  if (workspace_bytes < needed) return status::workspace_too_small;
  if (tinykm::detail::fit_buffers_overlap(points, n_local, d, weights, params, model, workspace,
                                          needed, result, result ? sizeof *result : 0))
    return status::invalid_argument;
  if (n_local != 0) return tinykm::detail::check_fit_data(points, n_local, d, weights, params);
  if (params.init == init_method::user)
    return tinykm::detail::check_values(params.initial_centroids, params.k * d,
                                        tinykm::detail::magnitude_limit(d));
  return status::ok;
}

// What steers the collectives must be the same on every rank (mpi.hpp): d (else
// dimension_mismatch), then k and every parameter that picks a branch (else invalid_argument).
// Parameters the call ignores (n_init and seed for user init, the k-means|| ones for other
// inits) may differ.
status check_same(MPI_Comm comm, std::size_t d, const fit_params& p,
                  const parallel_init& init) noexcept {
  const bool user = p.init == init_method::user, parallel = detail::seeds_kmeans_parallel(p.init);
  std::uint64_t tol = 0, oversampling = 0;
  std::memcpy(&tol, &p.tol, sizeof tol);
  if (parallel) std::memcpy(&oversampling, &init.oversampling, sizeof oversampling);
  const std::uint64_t mine[] = {d, p.k, static_cast<std::uint64_t>(p.init), user ? 1 : p.n_init,
                                p.max_iter, tol, p.n_iter_check,
                                static_cast<std::uint64_t>(p.empty_cluster), user ? 0 : p.seed,
                                parallel ? init.rounds : 0, oversampling};
  const std::size_t differs = detail::first_difference(comm, mine);
  if (differs == 0) return status::dimension_mismatch;
  return differs == std::size(mine) ? status::ok : status::invalid_argument;
}

// The variance-scaled tol of fit(): tol x the mean over features of the variance, over all ranks.
double scaled_tolerance(const detail::shard& sh, double tol, detail::fit_scratch_mpi& s) noexcept {
  if (tol == 0.0) return 0.0;
  const std::size_t d = sh.data.d;
  double* means = s.reduce;
  for (std::size_t j = 0; j < d; ++j) means[j] = 0.0;
  for (std::size_t i = 0; i < sh.data.n; ++i)
    for (std::size_t j = 0; j < d; ++j) means[j] += static_cast<double>(sh.data.points[i * d + j]);
  detail::ordered_sum(sh.comm, means, d, s.reduce_scratch);
  const auto n = static_cast<double>(sh.n_global);
  for (std::size_t j = 0; j < d; ++j) means[j] /= n;
  double squares = 0.0;
  for (std::size_t i = 0; i < sh.data.n; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const double t = static_cast<double>(sh.data.points[i * d + j]) - means[j];
      squares += t * t;
    }
  s.reduce[0] = squares;
  detail::ordered_sum(sh.comm, s.reduce, 1, s.reduce_scratch);
  return tol * s.reduce[0] / (n * static_cast<double>(d));
}

// Assignment pass over every rank's points against s.local.centroids: the inertia, and with
// `sums` the reduced per-cluster sums (k x d) and weights (k) at s.reduce.
double global_pass(const detail::shard& sh, std::size_t k, bool sums,
                   detail::fit_scratch_mpi& s) noexcept {
  const std::size_t kd = k * sh.data.d;
  double* reduce = s.reduce;
  const double inertia = tinykm::detail::assign_pass(*sh.kt, sh.data, s.local.centroids, k, s.local,
                                                     sums ? reduce : nullptr,
                                                     sums ? reduce + kd : nullptr);
  const std::size_t count = sums ? kd + k + 1 : 1;
  reduce[count - 1] = inertia;
  detail::ordered_sum(sh.comm, reduce, count, s.reduce_scratch);
  return reduce[count - 1];
}

// run_lloyd() of lloyd.cpp, distributed.
tinykm::detail::lloyd_outcome run_lloyd(const detail::shard& sh, const fit_params& params,
                                        double scaled_tol, detail::fit_scratch_mpi& s) noexcept {
  const std::size_t k = params.k, d = sh.data.d;
  double* sums = s.reduce;
  double* weight_sums = s.reduce + k * d;
  tinykm::detail::lloyd_outcome out{};
  double checked_inertia = std::numeric_limits<double>::infinity();
  double inertia_before = 0.0, shift = 0.0;
  for (std::uint32_t it = 1; it <= params.max_iter; ++it) {
    inertia_before = global_pass(sh, k, true, s);
    std::size_t empties = 0;
    for (std::size_t c = 0; c < k; ++c) empties += weight_sums[c] == 0.0 ? 1 : 0;
    if (empties != 0)
      detail::repair_empty_clusters(sh, k, empties, params.empty_cluster, s, sums, weight_sums);
    shift = tinykm::detail::move_centres(sums, weight_sums, k, d, s.local.centroids);
    out.iterations = it;
    out.empty_clusters += static_cast<std::uint32_t>(empties);
    if (shift <= scaled_tol) {
      out.converged = true;
      break;
    }
    if (params.n_iter_check != 0 && it % params.n_iter_check == 0) {
      if (checked_inertia - inertia_before < 1e-6 * checked_inertia) {
        out.converged = true;
        break;
      }
      checked_inertia = inertia_before;
    }
  }
  out.inertia = shift == 0.0 ? inertia_before : global_pass(sh, k, false, s);
  return out;
}

}  // namespace

std::size_t fit_workspace_size(MPI_Comm comm, const fit_params& params, std::size_t n_local,
                               std::size_t d, const parallel_init& init) noexcept {
  if (comm == MPI_COMM_NULL) return static_cast<std::size_t>(-1);  // no workspace will do
  int ranks = 1;
  MPI_Comm_size(comm, &ranks);
  return detail::fit_scratch_mpi_bytes(ranks, params, n_local, d, init);
}

status fit(MPI_Comm comm, const float* points, std::size_t n_local, std::size_t d,
           const float* weights, const fit_params& params, model_view& model, void* workspace,
           std::size_t workspace_bytes, fit_result* result, const parallel_init& init) noexcept {
  if (comm == MPI_COMM_NULL) return status::invalid_argument;  // MPI would abort on it
  detail::shard sh{comm, 0, 1, &kernels::active(), dataset{points, n_local, d, weights, &params.parallel}, 0, 0};
  MPI_Comm_rank(comm, &sh.rank);
  MPI_Comm_size(comm, &sh.ranks);
  const std::size_t needed = fit_workspace_size(comm, params, n_local, d, init);
  status s = detail::agree(comm, check_local(points, n_local, d, weights, params, model, workspace,
                                             workspace_bytes, needed, result, init));
  if (s == status::ok) s = check_same(comm, d, params, init);
  if (s != status::ok) return s;
  const detail::rank_total rows = detail::scan_count(comm, n_local);
  if (params.k > rows.total) return status::too_few_points;  // the same on every rank
  sh.offset = rows.before;
  sh.n_global = rows.total;

  detail::fit_scratch_mpi scratch =
      detail::carve_fit_scratch_mpi(sh.ranks, params, n_local, d, init, workspace);
  const double scaled_tol = scaled_tolerance(sh, params.tol, scratch);
  const std::uint32_t runs = params.init == init_method::user ? 1 : params.n_init;
  fit_result best{};
  for (std::uint32_t run = 0; run < runs; ++run) {
    detail::init_centroids(sh, params, init, tinykm::detail::restart_seed(params.seed, run), scratch);
    const tinykm::detail::lloyd_outcome out = run_lloyd(sh, params, scaled_tol, scratch);
    tinykm::detail::keep_best(run, out, scratch.local.centroids, params.k * d, best,
                              model.centroids);
  }
  model.k = params.k;
  model.d = d;
  if (result != nullptr) *result = best;
  return status::ok;
}

}  // namespace tinykm::mpi
