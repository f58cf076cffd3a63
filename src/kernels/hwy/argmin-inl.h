// Running argmin per lane and the final argmin across lanes, ties to the lowest centre index.
// Included once per Highway target (see kernels_hwy.cpp), hence the toggling guard.
#if defined(TINYKM_HWY_ARGMIN_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ARGMIN_INL_H_
#undef TINYKM_HWY_ARGMIN_INL_H_
#else
#define TINYKM_HWY_ARGMIN_INL_H_
#endif

#include <cstdint>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Keeps, per lane, the smaller distance and its centre index. Strict <: centres arrive in
// increasing index order, so a tie keeps the lower index (the scalar reference's rule).
template <class DF, class VF, class VI>
HWY_INLINE void KeepNearer(DF /*df*/, VF dist, VI index, VF& best, VI& best_index) {
  const hn::RebindToSigned<DF> di;
  const auto nearer = hn::Lt(dist, best);
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_SSSE3
  // x86's minps is exactly (dist < best ? dist : best), NaN and signed zeros included, and
  // does not wait on the compare (Zen 4: the sensor-16d inner loop 5 % faster, micro-benchmark).
  best = hn::Min(dist, best);
#else
  best = hn::IfThenElse(nearer, dist, best);
#endif
  best_index = hn::IfThenElse(hn::RebindMask(di, nearer), index, best_index);
}

// The minimum over lanes and the lowest centre index among the lanes that hold it (the CMSIS
// arm_min_f32 rule): lanes hold different centres, so this is the scalar reference's choice.
template <class DF, class VF, class VI>
HWY_INLINE std::int32_t LowestArgmin(DF df, VF best, VI best_index, float& min_out) {
  const hn::RebindToSigned<DF> di;
  const VF m = hn::MinOfLanes(df, best);
  const auto at_min = hn::RebindMask(di, hn::Eq(best, m));
  const VI none = hn::Set(di, INT32_MAX);
  min_out = hn::GetLane(m);
  return hn::GetLane(hn::MinOfLanes(di, hn::IfThenElse(at_min, best_index, none)));
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ARGMIN_INL_H_
