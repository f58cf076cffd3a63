// One sample against every centre of a stream, read from the centres' lanes (stream_layout.hpp:
// feature j of centre c at lanes[j kp + c]): the nearest centre and the anomaly score, by the
// kernels (kernels::lanes_nearest); and writing one lane.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernels.hpp"
#include "tinykm/stream.hpp"

namespace tinykm::detail {

struct nearest_score {
  std::int32_t label;  // nearest centre, lowest index on ties
  float square;        // its squared distance
  float score;         // min over centres c of (|x - c| - radius[c])
};

static_assert(stream_lane_pad == kernels::lanes_pad, "streams keep the kernels' lane layout");

// kernels::lanes_nearest for one sample: at the active backend's width, with the scalar
// reference's bits (kernels.hpp). kp is a multiple of 8; padding lanes hold +infinity.
inline nearest_score nearest_in_lanes(const float* x, std::size_t d, const float* lanes,
                                      const float* radius, std::size_t kp) noexcept {
  nearest_score r;
  kernels::lanes_nearest_of(kernels::active())(x, 1, d, lanes, radius, kp, &r.label, &r.square, &r.score);
  return r;
}

// row[c] = value (kp lanes). A plain store: the next sample's kernel reads the row in vectors
// wider than any store the (baseline-compiled) stream code could make, so no write pattern
// here lets the load be forwarded from the store; the smallest write costs least.
inline void put_lane(float* row, std::size_t, std::size_t c, float value) noexcept {
  row[c] = value;
}

}  // namespace tinykm::detail
