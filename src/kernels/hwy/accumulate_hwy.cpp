// accumulate for every Highway target (body in accumulate-inl.h), dispatched at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "accumulate_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "accumulate-inl.h"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {

void Accumulate(const float* points, const float* weights, std::size_t n, std::size_t d,
                const std::int32_t* labels, double* sums, double* weight_sums) {
#if HWY_HAVE_FLOAT64
  AccumulateAny(points, weights, n, d, labels, sums, weight_sums);
#else  // e.g. armv7 NEON: no double lanes, so the scalar reference sums (same bits by contract)
  accumulate_scalar(points, weights, n, d, labels, sums, weight_sums);
#endif
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(Accumulate);

void accumulate_hwy(const float* points, const float* weights, std::size_t n, std::size_t d,
                    const std::int32_t* labels, double* sums, double* weight_sums) {
  HWY_DYNAMIC_DISPATCH(Accumulate)(points, weights, n, d, labels, sums, weight_sums);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
