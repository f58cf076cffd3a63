// One sample against every centre of a stream: the nearest centre and the anomaly score.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernels.hpp"

namespace tinykm::detail {

struct nearest_score {
  std::int32_t label;  // nearest centre, lowest index on ties
  float square;        // its squared distance
  float score;         // min over centres c of (|x - c| - radius[c])
};

// Squared distances are taken 64 centres at a time into a stack buffer (256 bytes), so the
// stack does not grow with k. Float32 only.
nearest_score nearest_with_score(const kernels::kernel_table& kt, const float* x, std::size_t d,
                                 const float* centroids, const float* radius,
                                 std::size_t k) noexcept;

}  // namespace tinykm::detail
