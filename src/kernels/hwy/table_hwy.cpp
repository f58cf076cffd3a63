// The Highway kernel table (registered in ../dispatch.cpp) and the name of the target that
// dispatch chooses: a string literal per target, so asking allocates nothing.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "table_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstdint>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {

constexpr const char* PrefixedTargetName(std::int64_t target) {
  switch (target) {
    case HWY_AVX3_DL: return "hwy:AVX3_DL";
    case HWY_AVX3: return "hwy:AVX3";
    case HWY_AVX2: return "hwy:AVX2";
    case HWY_SSE4: return "hwy:SSE4";
    case HWY_SSSE3: return "hwy:SSSE3";
    case HWY_SVE2_128: return "hwy:SVE2_128";
    case HWY_SVE_256: return "hwy:SVE_256";
    case HWY_SVE2: return "hwy:SVE2";
    case HWY_SVE: return "hwy:SVE";
    case HWY_NEON: return "hwy:NEON";
    case HWY_EMU128: return "hwy:EMU128";
    case HWY_SCALAR: return "hwy:SCALAR";
    default: return "hwy:other";
  }
}

const char* TargetName() { return PrefixedTargetName(HWY_TARGET); }

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "backends.hpp"
#include "assign_shape.hpp"
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(TargetName);

const char* hwy_target_name() { return HWY_DYNAMIC_DISPATCH(TargetName)(); }

const char* hwy_assign_kernel_for(std::size_t d, std::size_t k) {
  return assign_shape_name(hwy_assign_rule, d, k);
}

const kernel_table hwy_table{hwy_target_name,  assign_hwy,       accumulate_hwy,
                             distances_hwy,    min_distance_hwy, hwy_assign_kernel_for,
                             lanes_nearest_hwy, lanes_nearest_one_hwy,
                             assign_accumulate_hwy, candidate_min_hwy,
                             trial_potentials_hwy};

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
