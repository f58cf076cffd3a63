// C API: batch k-means (fit, predict, transform, inertia) and its workspace size.
#include <type_traits>

#include "c_convert.hpp"

namespace {
using namespace tinykm;

static_assert(TINYKM_INIT_KMEANS_PLUS_PLUS == static_cast<int>(init_method::kmeans_plus_plus) &&
              TINYKM_INIT_RANDOM == static_cast<int>(init_method::random) &&
              TINYKM_INIT_FARTHEST_POINT == static_cast<int>(init_method::farthest_point) &&
              TINYKM_INIT_USER == static_cast<int>(init_method::user) &&
              TINYKM_INIT_KMEANS_PARALLEL == static_cast<int>(init_method::kmeans_parallel) &&
              TINYKM_INIT_AUTO == static_cast<int>(init_method::automatic));
static_assert(TINYKM_EMPTY_KEEP == static_cast<int>(empty_cluster_policy::keep) &&
              TINYKM_EMPTY_RELOCATE_FARTHEST ==
                  static_cast<int>(empty_cluster_policy::relocate_farthest) &&
              TINYKM_EMPTY_SPLIT_LARGEST == static_cast<int>(empty_cluster_policy::split_largest));
static_assert(TINYKM_ALGORITHM_LLOYD == static_cast<int>(lloyd_algorithm::lloyd) &&
              TINYKM_ALGORITHM_BOUNDED == static_cast<int>(lloyd_algorithm::bounded) &&
              TINYKM_ALGORITHM_AUTO == static_cast<int>(lloyd_algorithm::automatic));
static_assert(TINYKM_REFINE_NONE == static_cast<int>(refinement::none) &&
              TINYKM_REFINE_HARTIGAN == static_cast<int>(refinement::hartigan) &&
              TINYKM_REFINE_SPLIT_MERGE == static_cast<int>(refinement::split_merge));
// The C callback is handed to the library as it is. GCC and Clang give C and C++ function
// pointers one type; a compiler that tells them apart stops here.
static_assert(std::is_same_v<decltype(tinykm_parallel_for::run), decltype(parallel_for::run)>);

// parallel_for <-> tinykm_parallel_for, either way.
template <typename To, typename From>
To parallel_as(const From& f) noexcept {
  To t{};
  t.run = f.run;
  t.executor = f.executor;
  return t;
}

// fit_params <-> tinykm_params: the fields have the same names, so one body serves both ways.
// Enum values are converted as they are: fit() rejects values outside its enums.
template <typename To, typename From>
To params_as(const From& f) noexcept {
  To t{};
  t.k = f.k;
  t.init = static_cast<decltype(t.init)>(f.init);
  t.n_init = f.n_init;
  t.max_iter = f.max_iter;
  t.tol = f.tol;
  t.n_iter_check = f.n_iter_check;
  t.empty_cluster = static_cast<decltype(t.empty_cluster)>(f.empty_cluster);
  t.seed = f.seed;
  t.initial_centroids = f.initial_centroids;
  t.parallel = parallel_as<decltype(t.parallel)>(f.parallel);
  t.algorithm = static_cast<decltype(t.algorithm)>(f.algorithm);
  t.refine = static_cast<decltype(t.refine)>(f.refine);
  return t;
}

}  // namespace

extern "C" {

tinykm_params tinykm_default_params(void) noexcept {
  return params_as<tinykm_params>(fit_params{});
}

size_t tinykm_fit_workspace_size(const tinykm_params* params, size_t n, size_t d) noexcept {
  if (params == nullptr) return 0;
  return fit_workspace_size(params_as<fit_params>(*params), n, d);
}

tinykm_status tinykm_fit(const float* points, size_t n, size_t d, const float* weights,
                         const tinykm_params* params, tinykm_model* model, void* workspace,
                         size_t workspace_bytes, tinykm_fit_result* result) noexcept {
  if (params == nullptr || model == nullptr) return TINYKM_INVALID_ARGUMENT;
  const fit_params p = params_as<fit_params>(*params);
  model_view view = c_api::view_of(*model);
  fit_result r;
  const status s = fit(points, n, d, weights, p, view, workspace, workspace_bytes, &r);
  if (s != status::ok) return c_api::to_c(s);
  *model = c_api::model_of(view);  // its new k and d
  if (result != nullptr) {
    result->inertia = r.inertia;
    result->iterations = r.iterations;
    result->converged = r.converged;
    result->best_init = r.best_init;
    result->empty_clusters = r.empty_clusters;
  }
  return TINYKM_OK;
}

tinykm_status tinykm_predict_parallel(const tinykm_model* model, const float* points, size_t n,
                                      size_t d, int32_t* labels, size_t labels_len,
                                      const tinykm_parallel_for* parallel) noexcept {
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  if (c_api::too_short(labels, labels_len, n)) return TINYKM_OUTPUT_TOO_SMALL;
  const parallel_for threads = parallel != nullptr ? parallel_as<parallel_for>(*parallel) : parallel_for{};
  return c_api::to_c(predict(c_api::view_of(*model), points, n, d, labels, threads));
}

tinykm_status tinykm_predict(const tinykm_model* model, const float* points, size_t n, size_t d,
                             int32_t* labels, size_t labels_len) noexcept {
  return tinykm_predict_parallel(model, points, n, d, labels, labels_len, nullptr);
}

tinykm_status tinykm_transform(const tinykm_model* model, const float* points, size_t n,
                               size_t d, float* distances, size_t distances_len) noexcept {
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  return c_api::to_c(transform(c_api::view_of(*model), points, n, d, distances, distances_len));
}

tinykm_status tinykm_inertia(const tinykm_model* model, const float* points, size_t n, size_t d,
                             const float* weights, double* out) noexcept {
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  return c_api::to_c(inertia(c_api::view_of(*model), points, n, d, weights, out));
}

}  // extern "C"
