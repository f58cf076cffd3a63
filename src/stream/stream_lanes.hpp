// One sample against every centre of a stream, read from the centres' lanes (stream_layout.hpp:
// feature j of centre c at lanes[j kp + c]): the nearest centre and the anomaly score, by the
// kernels (kernels::lanes_nearest_one); and writing one lane.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "tinykm/stream.hpp"

namespace tinykm::detail {

// The nearest centre (lowest index on ties), its squared distance, and the least of
// (|x - c| - radius[c]) over the centres.
using nearest_score = kernels::lanes_hit;

static_assert(stream_lane_pad == kernels::lanes_pad, "streams keep the kernels' lane layout");

// kernels::lanes_nearest_one: at the active backend's width, with the scalar reference's bits
// (kernels.hpp). kp is a multiple of 8; padding lanes hold +infinity.
inline nearest_score nearest_in_lanes(const float* x, std::size_t d, const float* lanes,
                                      const float* radius, std::size_t kp) noexcept {
  nearest_score r;
  kernels::lanes_kernels_of(kernels::active()).one(x, d, lanes, radius, kp, &r);
  return r;
}

// row[c] = value (kp lanes). A plain store, though the next sample's kernel loads the row in
// wider vectors: a load-blend-store at the kernel's width, which lets that load be forwarded,
// measured no faster (an update is bound by its instruction count, not by this wait).
inline void put_lane(float* row, std::size_t, std::size_t c, float value) noexcept {
  row[c] = value;
}

}  // namespace tinykm::detail
