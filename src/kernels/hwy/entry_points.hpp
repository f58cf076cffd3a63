// The Highway backend's dispatching entry points (one per kernel of kernels.hpp): each calls
// the best target this CPU supports (HWY_DYNAMIC_DISPATCH). Private to src/kernels/hwy/.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"

namespace tinykm::kernels {

assign_sig assign_hwy;
accumulate_sig accumulate_hwy;
distances_sig distances_hwy;
min_distance_sig min_distance_hwy;
void lanes_nearest_hwy(const float* points, std::size_t n, std::size_t d, const float* lanes,
                       const float* radius, std::size_t kp, std::int32_t* labels, float* squares,
                       float* scores);
void lanes_nearest_one_hwy(const float* x, std::size_t d, const float* lanes,
                           const float* radius, std::size_t kp, lanes_hit* out);
// "hwy:AVX3", "hwy:AVX2", "hwy:NEON", ...: the target dispatch chooses now.
const char* hwy_target_name();

}  // namespace tinykm::kernels
