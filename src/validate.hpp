// Input checks shared by the public entry points. Each returns the status the caller gets; none
// writes anything.
#pragma once

#include <cstddef>

#include "tinykm/model.hpp"
#include "tinykm/params.hpp"
#include "tinykm/status.hpp"

namespace tinykm::detail {

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
