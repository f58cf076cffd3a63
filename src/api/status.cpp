#include "tinykm/status.hpp"

namespace tinykm {

const char* to_string(status s) noexcept {
  switch (s) {
    case status::ok: return "ok";
    case status::invalid_argument: return "invalid_argument";
    case status::capacity_exceeded: return "capacity_exceeded";
    case status::workspace_too_small: return "workspace_too_small";
    case status::non_finite_input: return "non_finite_input";
    case status::too_few_points: return "too_few_points";
    case status::corrupt_model: return "corrupt_model";
    case status::not_ready: return "not_ready";
    case status::dimension_mismatch: return "dimension_mismatch";
    case status::output_too_small: return "output_too_small";
    case status::out_of_range: return "out_of_range";
    case status::not_available: return "not_available";
  }
  return "unknown_status";
}

}  // namespace tinykm
