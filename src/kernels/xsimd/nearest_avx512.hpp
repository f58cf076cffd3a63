// The blocked kernel's per-point step (assign_xsimd.hpp: lanes_nearest_two) in AVX-512 vector
// reductions instead of three scalar loops over 16 lanes (a tenth of the pass at d = 128).
// Without NaNs a minimum is the same value whatever the order (up to the sign of a zero, which
// neither the label nor the near-tie test can see); with a NaN the scalar order decides, so
// the caller falls back to it.
#pragma once

#include <cstdint>

#include "common_xsimd.hpp"

#if XSIMD_WITH_AVX512F
namespace tinykm::kernels::xs {

// false (nothing written) when a lane holds a NaN; else lanes_nearest_two's results.
inline bool nearest_in_vectors(xsimd::avx512bw, const float* best, const float* second,
                               const float* index, float& value, float& runner_up,
                               std::int32_t& label) noexcept {
  const __m512 b = _mm512_load_ps(best);
  const __m512 s = _mm512_load_ps(second);
  const __m512 ix = _mm512_load_ps(index);
  if (_mm512_cmp_ps_mask(b, s, _CMP_UNORD_Q) != 0) return false;
  value = _mm512_reduce_min_ps(b);
  const __mmask16 at_min = _mm512_cmp_ps_mask(b, _mm512_set1_ps(value), _CMP_EQ_OQ);
  const float at = _mm512_mask_reduce_min_ps(at_min, ix);  // the lowest index among them
  const __mmask16 chosen = _mm512_cmp_ps_mask(ix, _mm512_set1_ps(at), _CMP_EQ_OQ);
  // The chosen lane offers its second best; every other lane the smaller of its two.
  const __m512 others = _mm512_mask_blend_ps(chosen, _mm512_min_ps(b, s), s);
  runner_up = _mm512_reduce_min_ps(others);
  label = static_cast<std::int32_t>(at);
  return true;
}

}  // namespace tinykm::kernels::xs
#endif  // XSIMD_WITH_AVX512F
