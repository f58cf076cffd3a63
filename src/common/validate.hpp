// Input checks shared by the public entry points. Each returns the status the caller gets; none
// writes anything.
#pragma once

#include <cstddef>
#include <initializer_list>

#include "tinykm/model.hpp"
#include "tinykm/params.hpp"
#include "tinykm/size_math.hpp"
#include "tinykm/status.hpp"

namespace tinykm::detail {

// True when n rows of d floats fit in size_t bytes: an array larger cannot exist, and its n x d
// would wrap. Every entry point refuses such a shape (invalid_argument) before reading.
constexpr bool floats_fit(std::size_t n, std::size_t d) noexcept {
  return bytes_fit(mul_sat(n, d), sizeof(float));
}

// Bytes of n rows of d floats, saturated (for ranges_overlap).
constexpr std::size_t float_bytes(std::size_t n, std::size_t d) noexcept {
  return mul_sat(mul_sat(n, d), sizeof(float));
}

// True when [a, a + a_bytes) and [b, b + b_bytes) share a byte. Empty ranges and null pointers
// share none; a saturated length reaches the end of the address space.
bool ranges_overlap(const void* a, std::size_t a_bytes, const void* b, std::size_t b_bytes) noexcept;

// A buffer and the bytes of it a call reads or writes.
struct byte_range {
  const void* at;
  std::size_t bytes;
};

// The overlap rule of every entry point (README, Numeric contract): no range the call writes
// may overlap another range it writes or reads; ranges it only reads may share memory.
bool writes_overlap(std::initializer_list<byte_range> written,
                    std::initializer_list<byte_range> read) noexcept;

// fit()'s (and mpi::fit's) buffers under that rule: written model (k x d), the first
// workspace_used bytes of the workspace and the result; read points, weights and user
// centroids. The model may share memory with params.initial_centroids: they are copied first.
bool fit_buffers_overlap(const float* points, std::size_t n, std::size_t d,
                         const float* weights, const fit_params& params, const model_view& model,
                         const void* workspace, std::size_t workspace_used,
                         const void* result, std::size_t result_bytes) noexcept;

// True when none of the `count` floats is NaN or +-Inf.
bool all_finite(const float* values, std::size_t count) noexcept;

// Largest |value| for which a squared distance over d features cannot overflow float32:
// d x (2 x limit)^2 <= FLT_MAX.
float magnitude_limit(std::size_t d) noexcept;

// True when every |value| <= limit.
bool all_within(const float* values, std::size_t count, float limit) noexcept;

// non_finite_input for NaN/Inf, else out_of_range for a value beyond limit, else ok.
status check_values(const float* values, std::size_t count, float limit) noexcept;

// Weights (may be null = all 1) must be finite (else non_finite_input) and > 0 (else
// invalid_argument).
status check_weights(const float* weights, std::size_t n) noexcept;

// Everything fit() can check before touching data or memory: pointers, sizes, params, capacity
// and the workspace size.
status check_fit_shape(const float* points, std::size_t n, std::size_t d,
                       const fit_params& params, const model_view& model, const void* workspace,
                       std::size_t workspace_bytes) noexcept;

// The data scan of fit(): the points, then user centroids (each: NaN/Inf -> non_finite_input,
// values so large that squared distances would overflow float32 -> out_of_range), then weights.
status check_fit_data(const float* points, std::size_t n, std::size_t d, const float* weights,
                      const fit_params& params) noexcept;

// A fitted model and n points of d features to run it on (predict, transform, inertia).
status check_model_input(const model_view& model, const float* points, std::size_t n,
                         std::size_t d) noexcept;

}  // namespace tinykm::detail
