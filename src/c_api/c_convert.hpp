// Conversions between the C API's plain structs (tinykm.h) and the C++ types, shared by the
// src/c_api/*.cpp files. The C structs mirror the C++ ones field for field but are copied, not
// cast, so neither layout depends on the other.
#pragma once

#include <cstddef>

#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

namespace tinykm::c_api {

inline tinykm_status to_c(status s) noexcept { return static_cast<tinykm_status>(s); }

inline model_view view_of(const tinykm_model& m) noexcept {
  return model_view{m.centroids, m.capacity, m.k, m.d};
}

inline tinykm_model model_of(const model_view& v) noexcept {
  return tinykm_model{v.centroids, v.capacity, v.k, v.d};
}

inline stream_state state_of(tinykm_stream s) noexcept { return stream_state{s.memory, s.bytes}; }

// A C output buffer given with its length: null is left to the C++ call to reject, a short one
// is output_too_small.
inline bool too_short(const void* buffer, std::size_t len, std::size_t needed) noexcept {
  return buffer != nullptr && len < needed;
}

// An initialised stream whose samples have d features: its status otherwise (invalid_argument
// for memory that holds no stream, dimension_mismatch for another d).
inline status check_stream_d(const stream_state& state, std::size_t d) noexcept {
  stream_info info;
  const status s = stream_get_info(state, &info);
  if (s != status::ok) return s;
  return info.d == d ? status::ok : status::dimension_mismatch;
}

// A C call on samples of d features: check_stream_d's status, or else call(state)'s.
template <typename Call>
tinykm_status on_stream(tinykm_stream stream, std::size_t d, const Call& call) noexcept {
  const stream_state state = state_of(stream);
  const status shape = check_stream_d(state, d);
  return to_c(shape != status::ok ? shape : call(state));
}

}  // namespace tinykm::c_api
