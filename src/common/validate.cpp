#include "validate.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "tinykm/config.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::detail {

namespace {

// Exponent bits all ones means NaN or Inf. Tested on the bits so -ffast-math cannot remove it.
bool is_finite(float v) noexcept {
  std::uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits & 0x7f800000u) != 0x7f800000u;
}

// k-means|| is host code: compact (firmware) builds leave it out. CMake sets
// TINYKM_COMPACT_CODE for every layer (kernels.hpp); a build without CMake is compact.
#if defined(TINYKM_COMPACT_CODE) && !TINYKM_COMPACT_CODE
constexpr bool hosts_kmeans_parallel = true;
#else
constexpr bool hosts_kmeans_parallel = false;
#endif

bool valid_init(init_method m) noexcept {
  return m == init_method::automatic || m == init_method::kmeans_plus_plus ||
         m == init_method::random || m == init_method::farthest_point || m == init_method::user ||
         (m == init_method::kmeans_parallel && hosts_kmeans_parallel);
}

bool valid_policy(empty_cluster_policy p) noexcept {
  return p == empty_cluster_policy::keep || p == empty_cluster_policy::relocate_farthest ||
         p == empty_cluster_policy::split_largest;
}

bool valid_algorithm(lloyd_algorithm a) noexcept {
  return a == lloyd_algorithm::lloyd || a == lloyd_algorithm::bounded ||
         a == lloyd_algorithm::automatic;
}

bool valid_refinement(refinement r) noexcept {
  return r == refinement::none || r == refinement::hartigan || r == refinement::split_merge;
}

}  // namespace

bool ranges_overlap(const void* a, std::size_t a_bytes, const void* b, std::size_t b_bytes) noexcept {
  if (a == nullptr || b == nullptr || a_bytes == 0 || b_bytes == 0) return false;
  const std::uintptr_t x = reinterpret_cast<std::uintptr_t>(a);
  const std::uintptr_t y = reinterpret_cast<std::uintptr_t>(b);
  // Distances from the lower start, so no end address is formed (it could wrap).
  return x <= y ? y - x < a_bytes : x - y < b_bytes;
}

bool writes_overlap(std::initializer_list<byte_range> written,
                    std::initializer_list<byte_range> read) noexcept {
  for (const byte_range* w = written.begin(); w != written.end(); ++w) {
    for (const byte_range* o = w + 1; o != written.end(); ++o)
      if (ranges_overlap(w->at, w->bytes, o->at, o->bytes)) return true;
    for (const byte_range& r : read)
      if (ranges_overlap(w->at, w->bytes, r.at, r.bytes)) return true;
  }
  return false;
}

bool fit_buffers_overlap(const float* points, std::size_t n, std::size_t d,
                         const float* weights, const fit_params& params, const model_view& model,
                         const void* workspace, std::size_t workspace_used,
                         const void* result, std::size_t result_bytes) noexcept {
  const byte_range pts{points, float_bytes(n, d)}, w{weights, float_bytes(n, 1)};
  const byte_range ws{workspace, workspace_used}, out{result, result_bytes};
  const byte_range user{params.init == init_method::user ? params.initial_centroids : nullptr,
                        float_bytes(params.k, d)};
  // The model is written last, from the workspace: it may be the user centroids.
  return writes_overlap({ws, out}, {pts, w, user}) ||
         writes_overlap({{model.centroids, float_bytes(params.k, d)}}, {pts, w, ws, out});
}

bool all_finite(const float* values, std::size_t count) noexcept {
  bool ok = true;  // no early exit: the scan stays branch-free and vectorisable
  for (std::size_t i = 0; i < count; ++i) ok &= is_finite(values[i]);
  return ok;
}

status check_weights(const float* weights, std::size_t n) noexcept {
  if (weights == nullptr) return status::ok;
  if (!all_finite(weights, n)) return status::non_finite_input;
  for (std::size_t i = 0; i < n; ++i)
    if (!(weights[i] > 0.0f)) return status::invalid_argument;
  return status::ok;
}

status check_fit_shape(const float* points, std::size_t n, std::size_t d,
                       const fit_params& params, const model_view& model, const void* workspace,
                       std::size_t workspace_bytes) noexcept {
  const std::size_t k = params.k;
  if (points == nullptr || d == 0 || k == 0) return status::invalid_argument;
  if (n == 0 || k > n) return status::too_few_points;
  if (!floats_fit(n, d)) return status::invalid_argument;
  if (params.n_init == 0 || params.max_iter == 0) return status::invalid_argument;
  if (!(params.tol >= 0.0)) return status::invalid_argument;  // also rejects NaN
  if (!valid_init(params.init) || !valid_policy(params.empty_cluster) ||
      !valid_algorithm(params.algorithm) || !valid_refinement(params.refine))
    return status::invalid_argument;
  if (params.init == init_method::user && params.initial_centroids == nullptr)
    return status::invalid_argument;
  if (model.centroids == nullptr) return status::invalid_argument;
  if (k > max_k || d > max_d || k > model.capacity / d) return status::capacity_exceeded;
  if (workspace == nullptr) return status::invalid_argument;
  if (workspace_bytes < fit_workspace_size(params, n, d)) return status::workspace_too_small;
  return status::ok;
}

float magnitude_limit(std::size_t d) noexcept {
  // In float, so firmware links no double arithmetic; one part in 2^12 below the exact root, so
  // no rounding can take a squared distance, at most d (2 limit)^2, past FLT_MAX.
  return std::sqrt(FLT_MAX / (4.0f * static_cast<float>(d))) * (1.0f - 0x1p-12f);
}

bool all_within(const float* values, std::size_t count, float limit) noexcept {
  bool ok = true;
  for (std::size_t i = 0; i < count; ++i) ok &= std::fabs(values[i]) <= limit;
  return ok;
}

status check_values(const float* values, std::size_t count, float limit) noexcept {
  // One pass when the values are good: |NaN| <= limit and |Inf| <= limit are false too.
  if (all_within(values, count, limit)) return status::ok;
  return all_finite(values, count) ? status::out_of_range : status::non_finite_input;
}

status check_fit_data(const float* points, std::size_t n, std::size_t d, const float* weights,
                      const fit_params& params) noexcept {
  const float limit = magnitude_limit(d);
  status s = check_values(points, n * d, limit);
  if (s == status::ok && params.init == init_method::user)
    s = check_values(params.initial_centroids, params.k * d, limit);
  return s == status::ok ? check_weights(weights, n) : s;
}

status check_model_input(const model_view& model, const float* points, std::size_t n,
                         std::size_t d) noexcept {
  if (model.k == 0) return status::not_ready;
  if (model.centroids == nullptr || model.d == 0 || model.k > model.capacity / model.d)
    return status::invalid_argument;
  if (d != model.d) return status::dimension_mismatch;
  // A model_view can point anywhere: NaN or huge centres would give meaningless labels.
  const status c = check_values(model.centroids, model.k * d, magnitude_limit(d));
  if (c != status::ok) return c;
  if (n == 0) return status::ok;
  if (points == nullptr || !floats_fit(n, d)) return status::invalid_argument;
  // Points past the limit could make distances infinite, and every label meaningless.
  return check_values(points, n * d, magnitude_limit(d));
}

}  // namespace tinykm::detail
