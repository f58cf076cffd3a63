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
  kernels::active().lanes_nearest(x, 1, d, lanes, radius, kp, &r.label, &r.square, &r.score);
  return r;
}

// Lanes up to which a one-lane change is written as a whole-row select: the next sample's
// vector loads then read a vector store, instead of stalling on a scalar store they overlap
// (store-to-load forwarding fails there on x86). Above it the row is long enough that the
// O(kp) select would cost more than the stall.
constexpr std::size_t select_lanes_max = 32;

// row[c] = value (kp lanes).
inline void put_lane(float* row, std::size_t kp, std::size_t c, float value) noexcept {
  if (kp > select_lanes_max) {
    row[c] = value;
    return;
  }
  const std::uint32_t lane = static_cast<std::uint32_t>(c);
  const std::uint32_t count = static_cast<std::uint32_t>(kp);
  for (std::uint32_t l = 0; l < count; ++l) row[l] = l == lane ? value : row[l];
}

}  // namespace tinykm::detail
