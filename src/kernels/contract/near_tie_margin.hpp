// When may the norm form decide a label alone? The one near-tie margin of the blocked assign
// kernels (assign_shape.hpp: blocked) of every backend, and of the tests that probe it.
//
// The kernel computes per centre c, in float32, f_c = fl(N_c - 2 P_c): N_c = fl(|c|^2) (from
// prepare_centroids), P_c = fl(x.c), each a sum of d products, fused (FMA) or not, in any
// order, then one rounding (fma(-2, P, N), or the exact -2 P and a subtraction). Exactly,
// f_c would be g_c = D_c - |x|^2 with D_c = |x - c|^2. It must report the label of its exact
// form E_c = fl(sum_j fl(x_j - c_j)^2), summed in its own order, ties to the lowest index.
// With u = 2^-24, gamma_m = m u / (1 - m u) and S = |x|^2 + max_c |c|^2 (Higham, "Accuracy and
// Stability of Numerical Algorithms", 3.1):
//   |N_c - 2 P_c - g_c| <= gamma_d (|c|^2 + 2 |x||c|) <= 2 gamma_d S, and the last rounding adds
//   u |N_c - 2 P_c|, so                               |f_c - g_c| <= 2 gamma_{d+1} S      (1)
//   two roundings in fl(x_j - c_j)^2, d in the sum:   |E_c - D_c| <= gamma_{d+2} D_c
//                                                                 <= 2 gamma_{d+2} S      (2)
// Let a be the kernel's best and f_b - f_a > M for every other b. By (1) D_b - D_a > M -
// 4 gamma_{d+1} S, by (2) E_b - E_a > M - 8 gamma_{d+2} S. So M = 8 gamma_{d+2} S gives
// E_b > E_a: the exact form picks a too, in any order, and no tie rule is involved. Any closer
// call is recomputed in the exact form against all k centres.
// The kernel evaluates M = per_s (fl(|x|^2) + max N_c) + floor and fl(f_b - f_a) > M in float:
// at most d + 6 more roundings, hence per_s = 8 gamma_{d+2} / (1 - gamma_{d+6}), rounded up.
// Underflow adds at most 2^-150 per product (sums that underflow are exact): at most 8d + 4
// of them in f_a, f_b, E_a, E_b, hence floor = (d + 1) 2^-146. Overflow or NaN anywhere makes
// the test false, so such points are recomputed too.
#pragma once

#include <cstddef>

namespace tinykm::kernels {

struct near_tie_margin {
  float per_s;  // times S = |x|^2 + max_c |c|^2
  float floor;  // plus this
};

// Defined in near_tie_margin.cpp, built with the baseline flags (a float function inlined into
// an AVX-512 translation unit could be the copy the linker keeps).
near_tie_margin near_tie_margin_of(std::size_t d) noexcept;

}  // namespace tinykm::kernels
