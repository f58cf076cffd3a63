// xsimd lanes_nearest and lanes_nearest_one (kernels.hpp): the walk of lanes_walk-inl.h over
// xsimd's batches. Included only by the lanes_<arch>.cpp files, one per arch: those build with the
// arch's flags plus -ffp-contract=off (xsimd.cmake), so `s + t * t` stays two roundings, like the
// scalar reference, which builds the same way (the arch's kernels_<arch>.cpp keeps contraction:
// its FMAs need it).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "common_xsimd.hpp"
#include "lanes_entry_xsimd.hpp"

namespace tinykm::kernels::xs {

// Batches of exactly lanes_pad lanes for the rest of kp when A's are wider (AVX-512: AVX2's).
template <class A>
using lanes_tail_arch = std::conditional_t<(fbatch<A>::size > lanes_pad), xsimd::avx2, A>;

#include "lanes_walk-inl.h"  // NOLINT: inside this namespace

// The correctly rounded square root of each lane, as std::sqrt gives the scalar reference.
// xsimd 8.1's float sqrt on NEON is an estimate (vrsqrte and one Newton step), so Arm takes
// aarch64's vsqrtq_f32 or, on armv7 (no vector square root), one VSQRT per lane.
template <class A, class C>
inline xsimd::batch<float, C> exact_sqrt(const xsimd::batch<float, C>& v) noexcept {
#if defined(__aarch64__)
  return xsimd::batch<float, C>(vsqrtq_f32(v));
#elif defined(__arm__)
  alignas(C::alignment()) float a[xsimd::batch<float, C>::size];
  v.store_aligned(a);
  for (float& x : a) x = std::sqrt(x);
  return xsimd::batch<float, C>::load_aligned(a);
#else
  return xsimd::sqrt(v);
#endif
}

// The vector ops of lanes_walk-inl.h over batches of C, in the TU of arch A (a template on A even
// where it computes with C's batches: see common_xsimd.hpp on COMDAT copies across TUs). Labels
// are kept as floats: exact below 2^24.
template <class A, class C>
struct lane_ops {
  using B = xsimd::batch<float, C>;
  static constexpr std::size_t W = B::size;
  using lanes_array = float[W];

  static constexpr std::size_t width() noexcept { return W; }
  B set(float v) const noexcept { return B(v); }
  B load(const float* p) const noexcept { return B::load_unaligned(p); }
  B sub(const B& a, const B& b) const noexcept { return a - b; }
  B mul(const B& a, const B& b) const noexcept { return a * b; }
  B add(const B& a, const B& b) const noexcept { return a + b; }
  B min(const B& a, const B& b) const noexcept { return xsimd::min(a, b); }
  B sqrt(const B& v) const noexcept { return exact_sqrt<A, C>(v); }
  float least(const B& v) const noexcept {
    alignas(C::alignment()) lanes_array a;
    v.store_aligned(a);
    float m = a[0];
    for (std::size_t l = 1; l < W; ++l) m = a[l] < m ? a[l] : m;
    return m;
  }
  std::size_t first_least(const B& v, float& m) const noexcept {
    alignas(C::alignment()) lanes_array a;
    v.store_aligned(a);
    std::size_t at = 0;
    for (std::size_t l = 1; l < W; ++l) at = a[l] < a[at] ? l : at;  // strict: the first
    m = a[at];
    return at;
  }
  B infinity() const noexcept { return B(std::numeric_limits<float>::infinity()); }
  B no_label() const noexcept { return B(0.0f); }
  void keep(const B& s, std::size_t c, B& best, B& at) const noexcept {
    const auto lower = s < best;  // strict, lanes in increasing centre order
    at = xsimd::select(lower, lane_iota<C>() + B(static_cast<float>(c)), at);
    best = xsimd::select(lower, s, best);
  }
  std::int32_t lowest(const B& best, const B& at, float& square) const noexcept {
    alignas(C::alignment()) lanes_array b, l;
    best.store_aligned(b);
    at.store_aligned(l);
    square = least(best);
    float label = std::numeric_limits<float>::infinity();  // the lowest at the minimum
    for (std::size_t i = 0; i < W; ++i) label = b[i] == square && l[i] < label ? l[i] : label;
    return static_cast<std::int32_t>(label);
  }
};

template <class A>
void lanes_entry<A>::one(const float* x, std::size_t d, const float* lanes, const float* radius,
                         std::size_t kp, lanes_hit* out) {
  *out = nearest_one(lane_ops<A, A>(), lane_ops<A, lanes_tail_arch<A>>(), x, d, lanes, radius, kp);
}

template <class A>
void lanes_entry<A>::nearest(const float* points, std::size_t n, std::size_t d,
                             const float* lanes, const float* radius, std::size_t kp,
                             std::int32_t* labels, float* squares, float* scores) {
  nearest_each(lane_ops<A, A>(), lane_ops<A, lanes_tail_arch<A>>(), points, 0, n, d, lanes,
               radius, kp, labels, squares, scores);
}

}  // namespace tinykm::kernels::xs
