// Status codes returned by every tinykm call. tinykm never throws; on any status other than ok,
// outputs, models and states are left exactly as they were.
#pragma once

#include <cstdint>

#include "tinykm/export.h"

namespace tinykm {

enum class [[nodiscard]] status : std::int32_t {
  ok = 0,
  invalid_argument = 1,     // null pointer, zero size, bad enum value, out-of-range parameter,
                            // n x d beyond size_t, overlapping buffers (kmeans.hpp)
  capacity_exceeded = 2,    // k or d above the model's storage or TINYKM_MAX_K / TINYKM_MAX_D
  workspace_too_small = 3,  // the caller's workspace is smaller than *_workspace_size() says
  non_finite_input = 4,     // NaN or +-Inf in points, weights or user centroids
  too_few_points = 5,       // n == 0, or k > n
  corrupt_model = 6,        // a saved blob is truncated, altered or of an unknown version
  not_ready = 7,            // the model has not been fitted (k == 0), or a stream is warming up
  dimension_mismatch = 8,   // points have a different d than the model
  output_too_small = 9,     // an output buffer is shorter than the call needs
  out_of_range = 10,        // finite values so large that squared distances overflow float32
  not_available = 11,       // the requested backend is not compiled in or not supported here
};

// A short English name of the status, e.g. "workspace_too_small". Never null.
TINYKM_API
const char* to_string(status s) noexcept;

}  // namespace tinykm
