// C API: status codes and names. The TINYKM_* values are tinykm::status's, checked here.
#include "c_convert.hpp"

namespace {
using tinykm::status;
constexpr bool same(int c, status s) { return c == static_cast<int>(s); }
static_assert(same(TINYKM_OK, status::ok), "C status values mirror tinykm::status");
static_assert(same(TINYKM_INVALID_ARGUMENT, status::invalid_argument));
static_assert(same(TINYKM_CAPACITY_EXCEEDED, status::capacity_exceeded));
static_assert(same(TINYKM_WORKSPACE_TOO_SMALL, status::workspace_too_small));
static_assert(same(TINYKM_NON_FINITE_INPUT, status::non_finite_input));
static_assert(same(TINYKM_TOO_FEW_POINTS, status::too_few_points));
static_assert(same(TINYKM_CORRUPT_MODEL, status::corrupt_model));
static_assert(same(TINYKM_NOT_READY, status::not_ready));
static_assert(same(TINYKM_DIMENSION_MISMATCH, status::dimension_mismatch));
static_assert(same(TINYKM_OUTPUT_TOO_SMALL, status::output_too_small));
static_assert(same(TINYKM_OUT_OF_RANGE, status::out_of_range));
static_assert(same(TINYKM_NOT_AVAILABLE, status::not_available));
}  // namespace

extern "C" {

// Values outside the enum reach to_string's fallback: the enum's underlying type is int32_t,
// so the cast is defined for every tinykm_status.
const char* tinykm_status_string(tinykm_status s) noexcept {
  return tinykm::to_string(static_cast<status>(s));
}

const char* tinykm_backend_name(void) noexcept { return tinykm::backend_name(); }

}  // extern "C"
