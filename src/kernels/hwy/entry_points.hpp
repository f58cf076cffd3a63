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
lanes_nearest_sig lanes_nearest_hwy;
lanes_nearest_one_sig lanes_nearest_one_hwy;
assign_accumulate_sig assign_accumulate_hwy;
candidate_min_sig candidate_min_hwy;
trial_potentials_sig trial_potentials_hwy;
// "hwy:AVX3", "hwy:AVX2", "hwy:NEON", ...: the target dispatch chooses now.
const char* hwy_target_name();

}  // namespace tinykm::kernels
