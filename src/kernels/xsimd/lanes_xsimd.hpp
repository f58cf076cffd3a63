// xsimd lanes_nearest (kernels.hpp): lanes = centres, one point at a time. Included only by the
// TUs xsimd.cmake generates from lanes_arch.cpp.in, one per arch: those build with the arch's
// flags plus -ffp-contract=off, so `s + t * t` stays two roundings, like the scalar reference,
// which builds the same way (the arch's kernels_<arch>.cpp keeps contraction: its FMAs need it).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "common_xsimd.hpp"

namespace tinykm::kernels::xs {

// Batches of exactly lanes_pad lanes for the rest of kp when A's are wider (AVX-512: AVX2's).
template <class A>
using lanes_tail_arch = std::conditional_t<(fbatch<A>::size > lanes_pad), xsimd::avx2, A>;

// Everything below is a template on A (the TU's arch) even where it computes with C's batches:
// see common_xsimd.hpp on COMDAT copies across TUs built with different flags.
template <class A, class C, std::size_t V>
inline void lane_squares(const float* x, std::size_t d, const float* col, std::size_t kp,
                         xsimd::batch<float, C>* s) noexcept {
  using B = xsimd::batch<float, C>;
  constexpr std::size_t W = B::size;
  const B x0(x[0]);
  for (std::size_t v = 0; v < V; ++v) {
    const B t = x0 - B::load_unaligned(col + v * W);
    s[v] = t * t;
  }
  for (std::size_t j = 1; j < d; ++j) {
    const float* row = col + j * kp;
    const B xj(x[j]);
    for (std::size_t v = 0; v < V; ++v) {
      const B t = xj - B::load_unaligned(row + v * W);
      s[v] = s[v] + t * t;
    }
  }
}

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

// The nearest centre among lanes [first, last) (a multiple of C's width) and the least score
// there, folded into best / at / score, which hold the lower lanes' results: a tie keeps them.
template <class A, class C>
inline void fold_lanes(const float* x, std::size_t d, const float* lanes, const float* radius,
                       std::size_t kp, std::size_t first, std::size_t last, float& best,
                       float& at, float& score) noexcept {
  using B = xsimd::batch<float, C>;
  constexpr std::size_t W = B::size;
  constexpr std::size_t V = 4;  // independent sums per feature step: the adds' latency overlaps
  if (first == last) return;
  alignas(C::alignment()) float lane[W];
  for (std::size_t l = 0; l < W; ++l) lane[l] = static_cast<float>(l);
  const B iota = B::load_aligned(lane);
  B low(infinity<A>), low_at(0.0f), least(infinity<A>);
  const auto keep = [&](const B& s, std::size_t c) {
    const auto lower = s < low;  // strict, lanes in increasing centre order
    low_at = xsimd::select(lower, iota + B(static_cast<float>(c)), low_at);
    low = xsimd::select(lower, s, low);
    least = xsimd::min(least, exact_sqrt<A, C>(s) - B::load_unaligned(radius + c));
  };
  std::size_t c = first;
  for (; c + V * W <= last; c += V * W) {
    B s[V];
    lane_squares<A, C, V>(x, d, lanes + c, kp, s);
    for (std::size_t v = 0; v < V; ++v) keep(s[v], c + v * W);
  }
  for (; c < last; c += W) {
    B s[1];
    lane_squares<A, C, 1>(x, d, lanes + c, kp, s);
    keep(s[0], c);
  }
  alignas(C::alignment()) float low_out[W];
  alignas(C::alignment()) float at_out[W];
  alignas(C::alignment()) float least_out[W];
  low.store_aligned(low_out);
  low_at.store_aligned(at_out);
  least.store_aligned(least_out);
  float m = low_out[0];
  float e = least_out[0];
  for (std::size_t l = 1; l < W; ++l) {
    m = low_out[l] < m ? low_out[l] : m;
    e = least_out[l] < e ? least_out[l] : e;
  }
  float m_at = infinity<A>;  // the lowest centre among the lanes at the minimum
  for (std::size_t l = 0; l < W; ++l)
    m_at = low_out[l] == m && at_out[l] < m_at ? at_out[l] : m_at;
  if (m < best) {
    best = m;
    at = m_at;
  }
  score = e < score ? e : score;
}

template <class A>
void lanes_nearest_one(const float* x, std::size_t d, const float* lanes, const float* radius,
                       std::size_t kp, lanes_hit* out) {
  constexpr std::size_t W = fbatch<A>::size;
  const std::size_t whole = kp / W * W;
  float best = infinity<A>, at = 0.0f, score = infinity<A>;
  fold_lanes<A, A>(x, d, lanes, radius, kp, 0, whole, best, at, score);
  if constexpr (W > lanes_pad)
    fold_lanes<A, lanes_tail_arch<A>>(x, d, lanes, radius, kp, whole, kp, best, at, score);
  *out = lanes_hit{static_cast<std::int32_t>(at), best, score};
}

template <class A>
void lanes_nearest(const float* points, std::size_t n, std::size_t d, const float* lanes,
                   const float* radius, std::size_t kp, std::int32_t* labels, float* squares,
                   float* scores) {
  for (std::size_t i = 0; i < n; ++i) {
    lanes_hit hit;
    lanes_nearest_one<A>(points + i * d, d, lanes, radius, kp, &hit);
    labels[i] = hit.label;
    squares[i] = hit.square;
    scores[i] = hit.score;
  }
}

}  // namespace tinykm::kernels::xs
