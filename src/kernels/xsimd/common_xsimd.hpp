// Helpers shared by the xsimd kernels (src/kernels/xsimd/*_xsimd.hpp). Everything here is a
// template on the xsimd architecture A, even where A is not used in the body: each arch's .cpp
// is compiled with its own -m flags, and a non-template inline function (or one not templated on
// A) would be emitted in several of those TUs as one COMDAT symbol, of which the linker keeps an
// arbitrary copy -- possibly the AVX-512 one, called on a CPU without AVX-512.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <xsimd/xsimd.hpp>

#include "kernels.hpp"

namespace tinykm::kernels::xs {

template <class A>
using fbatch = xsimd::batch<float, A>;
template <class A>
using dbatch = xsimd::batch<double, A>;

template <class A>
constexpr std::size_t lanes = fbatch<A>::size;

// Architectural vector registers: 32 on AVX-512 and AArch64, 16 elsewhere (SSE, AVX2, ARMv7
// NEON's q registers). Sets the register blocking of the blocked kernel.
template <class A>
constexpr std::size_t vector_registers =
    std::is_base_of<xsimd::avx512f, A>::value || std::is_same<A, xsimd::neon64>::value ? 32 : 16;

template <class A>
constexpr float infinity = std::numeric_limits<float>::infinity();

// Squared distance of two d-vectors vectorised over d (lane sums, then hadd, then the tail).
// Float rounding differs from exact_distance on real data, but is exact on integer data.
template <class A>
inline float exact_distance_vec(const float* a, const float* b, std::size_t d) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  std::size_t j = 0;
  float s = 0.0f;
  if (d >= 2 * W) {
    // Two accumulators: the add latency would otherwise bound the loop.
    B acc0(0.0f), acc1(0.0f);
    for (; j + 2 * W <= d; j += 2 * W) {
      const B t0 = B::load_unaligned(a + j) - B::load_unaligned(b + j);
      const B t1 = B::load_unaligned(a + j + W) - B::load_unaligned(b + j + W);
      acc0 = xsimd::fma(t0, t0, acc0);
      acc1 = xsimd::fma(t1, t1, acc1);
    }
    if (j + W <= d) {
      const B t0 = B::load_unaligned(a + j) - B::load_unaligned(b + j);
      acc0 = xsimd::fma(t0, t0, acc0);
      j += W;
    }
    s = xsimd::hadd(acc0 + acc1);
  } else if (d >= W) {
    B acc(0.0f);
    for (; j + W <= d; j += W) {
      const B t = B::load_unaligned(a + j) - B::load_unaligned(b + j);
      acc = xsimd::fma(t, t, acc);
    }
    s = xsimd::hadd(acc);
  }
  for (; j < d; ++j) {
    const float t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

// |x|^2 vectorised over d (only bounds the re-check margin: its rounding does not matter).
template <class A>
inline float squared_norm(const float* x, std::size_t d) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  std::size_t j = 0;
  float s = 0.0f;
  if (d >= W) {
    B acc(0.0f);
    for (; j + W <= d; j += W) {
      const B v = B::load_unaligned(x + j);
      acc = xsimd::fma(v, v, acc);
    }
    s = xsimd::hadd(acc);
  }
  for (; j < d; ++j) s += x[j] * x[j];
  return s;
}

template <class A>
using ibatch = xsimd::batch<std::int32_t, A>;

// The canonical exact form every assign kernel reports (and compares, where it compares exact
// distances): per lane, t_0^2, then s = fma(t_j, t_j, s) for j = 1 .. d-1, in index order.
// The small-d and centre-lane kernels compute exactly these operations, so an arch gives the
// same min_dist (and the same inertia) with or without `prepared`. Here the W lanes are W
// (point, centre) pairs: x_l = xbase + xoff[l], c_l = cbase + coff[l] (offsets in floats).
template <class A>
inline fbatch<A> gathered_distance(const float* xbase, ibatch<A> xoff, const float* cbase,
                                   ibatch<A> coff, std::size_t d) noexcept {
  using B = fbatch<A>;
  const ibatch<A> one(1);
  B t = B::gather(xbase, xoff) - B::gather(cbase, coff);
  B s = t * t;
  for (std::size_t j = 1; j < d; ++j) {
    xoff += one;
    coff += one;
    t = B::gather(xbase, xoff) - B::gather(cbase, coff);
    s = xsimd::fma(t, t, s);
  }
  return s;
}

// 0, 1, ..., W-1 as floats: the lane offsets of centre indices (exact below 2^24, and k is
// bounded far below that).
template <class A>
inline fbatch<A> lane_iota() noexcept {
  alignas(A::alignment()) float v[fbatch<A>::size];
  for (std::size_t l = 0; l < fbatch<A>::size; ++l) v[l] = static_cast<float>(l);
  return fbatch<A>::load_aligned(v);
}

// Transposes up to W points (rows of d floats starting at `rows`) into tile[j * W + l], lanes
// past m repeating the last point (their results are ignored). D > 0 fixes d at compile time.
template <class A, std::size_t D>
inline void transpose_tile(const float* rows, std::size_t m, std::size_t d, float* tile) noexcept {
  constexpr std::size_t W = fbatch<A>::size;
  const std::size_t dd = D != 0 ? D : d;
  if (m == W) {
    for (std::size_t l = 0; l < W; ++l)
      for (std::size_t j = 0; j < dd; ++j) tile[j * W + l] = rows[l * dd + j];
  } else {
    for (std::size_t l = 0; l < W; ++l) {
      const float* src = rows + (l < m ? l : m - 1) * dd;
      for (std::size_t j = 0; j < dd; ++j) tile[j * W + l] = src[j];
    }
  }
}

}  // namespace tinykm::kernels::xs
