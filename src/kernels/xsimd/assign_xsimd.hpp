// xsimd assign kernels (kernels.hpp: assign_fn), templated on the xsimd architecture A and
// instantiated by one .cpp per arch. One kernel per shape of assign_shape.hpp, which assign<A>
// (at the end) maps:
//
//   small_d          assign_small_d<A, D>: lanes = points. W points are transposed into d
//                    batches (SoA), every centre is broadcast from the row-major centroids,
//                    exact form sum_j (x_j - c_j)^2, running min + index per lane (strict <).
//   points_in_lanes  assign_small_d<A, 0>: the same with d at run time (d <= 64).
//   blocked          assign_blocked: lanes = centres, a register-blocked GEMM-like micro-kernel
//                    on |c|^2 - 2 x.c, per-lane best / second best / index, near ties
//                    re-checked with the exact form.
//   centre_lanes     assign_centre_lanes: exact form, lanes = centres over `prepared`.
//   exact_rows       assign_gathered: exact form, lanes = points gathered (no `prepared`).
//
// No kernel allocates; stack use is bounded by a few KiB whatever n, d and k are.
#pragma once

#include "assign_shape.hpp"
#include "common_xsimd.hpp"
#include "nearest_avx512.hpp"
#include "transpose_avx512.hpp"
#include "near_tie_margin.hpp"

namespace tinykm::kernels::xs {

#include "assign_blocked_walk-inl.h"  // NOLINT: inside this namespace

// --- small d: lanes = points ---------------------------------------------------------------

// The running (best, index) update with strict <, so a tie keeps the lower (earlier) centre.
template <class A>
inline void keep_min(const fbatch<A>& dist, const fbatch<A>& index, fbatch<A>& best,
                     fbatch<A>& best_index) noexcept {
  const auto lower = dist < best;
  best_index = xsimd::select(lower, index, best_index);
  best = xsimd::min(dist, best);  // equal to select(lower, dist, best) for finite values
}

// keep_min over C = 4 or 8 consecutive centres (indices index, index + 1, ..) as a tree, so
// the compare chain is log2(C) + 1 deep, not C (Zen 4, sensor-16d: the chain was the sixth of
// the assign the FMAs could not hide). Each fold keeps its right side (higher indices) only where
// strictly nearer, so ties keep the lowest index, as keep_min in order does for the finite
// distances the kernels see (the API refuses NaN, Inf and overflowing input). Written out: as
// loops, GCC kept the tree's arrays on the stack (12 % slower).
template <class A, std::size_t C>
inline void keep_min_tree(fbatch<A> (&s)[C], const fbatch<A>& index, fbatch<A>& best,
                          fbatch<A>& best_index) noexcept {
  using B = fbatch<A>;
  static_assert(C == 4 || C == 8, "a tree of 4 or 8");
  B at0(0.0f), at2(2.0f), at4(4.0f), at6(6.0f);  // offsets from index
  keep_min<A>(s[1], B(1.0f), s[0], at0);
  keep_min<A>(s[3], B(3.0f), s[2], at2);
  if constexpr (C == 8) {
    keep_min<A>(s[5], B(5.0f), s[4], at4);
    keep_min<A>(s[7], B(7.0f), s[6], at6);
    keep_min<A>(s[6], at6, s[4], at4);
  }
  keep_min<A>(s[2], at2, s[0], at0);
  if constexpr (C == 8) keep_min<A>(s[4], at4, s[0], at0);
  keep_min<A>(s[0], index + at0, best, best_index);
}

// Writes the first m lanes of a points-in-lanes result (label and distance per point).
template <class A>
inline void store_lanes(const fbatch<A>& best, const fbatch<A>& best_index, std::size_t m,
                        std::int32_t* labels, float* min_dist) noexcept {
  alignas(A::alignment()) float best_out[fbatch<A>::size];
  alignas(A::alignment()) float index_out[fbatch<A>::size];
  best.store_aligned(best_out);
  best_index.store_aligned(index_out);
  for (std::size_t l = 0; l < m; ++l) {
    labels[l] = static_cast<std::int32_t>(index_out[l]);
    min_dist[l] = best_out[l];
  }
}

// The transposed tile (tile[j * W + l] = feature j of point l) of m <= W points; AVX-512 has an
// overload that transposes in registers (transpose_avx512.hpp).
template <std::size_t D, class A>
inline void point_tile(A, const float* rows, std::size_t m, std::size_t d, float* tile) noexcept {
  transpose_tile<A, D>(rows, m, d, tile);
}

// The tile buffer's d: D == 0 (d at run time) takes any d up to this.
constexpr std::size_t small_d_tile_max = 64;
static_assert(xsimd_assign_rule.points_in_lanes_max_d <= small_d_tile_max, "tile too small");

// The exact distances of a transposed tile of W points (d features at run time) to the C
// consecutive centres from c, each summed in feature order; C independent chains, so a long d
// waits on the FMA latency C times less (digits, d = 64: one chain ran at a quarter of peak).
// D != 0 (d == D, 5..16) keeps the bits of the one-centre kernel it replaced: there GCC fused
// the first square into the second feature's add (fma(t0, t0, t1 * t1), as xsimd's AVX-512 fma
// is x * y + z, fused only by contraction), which it does here only with feature 1 written out
// next to feature 0 (test_golden's d = 5, 7, 8, 16 on x86_64-gcc-Release).
template <class A, std::size_t C, std::size_t D = 0>
inline void tile_distances(const float* tile, std::size_t d, const float* c,
                           fbatch<A> (&s)[C]) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  const B x0 = B::load_aligned(tile);
  for (std::size_t q = 0; q < C; ++q) {
    const B t = x0 - B(c[q * d]);
    s[q] = t * t;
  }
  std::size_t j = 1;
  if constexpr (D != 0) {
    const B x1 = B::load_aligned(tile + W);
    for (std::size_t q = 0; q < C; ++q) {
      const B t = x1 - B(c[q * d + 1]);
      s[q] = xsimd::fma(t, t, s[q]);
    }
    j = 2;
  }
  for (; j < d; ++j) {
    const B x = B::load_aligned(tile + j * W);
    for (std::size_t q = 0; q < C; ++q) {
      const B t = x - B(c[q * d + j]);
      s[q] = xsimd::fma(t, t, s[q]);
    }
  }
}

// Centres per step of the tile kernel: ports x latency independent FMA chains (2 x 4 on
// AVX-512 cores with two FMA ports; Zen 4 runs one 512-bit FMA per cycle at 4 cycles of
// latency, so 4 chains leave it no slack). 8, also with 16 registers (AVX2, SSE); ARMv7 NEON
// keeps 4 (not measured).
template <class A>
constexpr std::size_t small_d_centres = std::is_same<A, xsimd::neon>::value ? 4 : 8;

// D in 1..4: the tile stays in registers, one centre at a time (fully unrolled). D in 5..16:
// the tile read from the stack, small_d_centres<A> centres per step (one centre at a time, the
// 16-deep chains left Zen 4's FMA pipe idle: sensor-16d assign at 64 % of peak). D == 0 (d at
// run time, up to 64: digits): 4 centres per step.
template <class A, std::size_t D>
void assign_small_d(const float* points, std::size_t n, std::size_t d, const float* centroids,
                    std::size_t k, std::int32_t* labels, float* min_dist) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  constexpr std::size_t DX = D != 0 ? D : small_d_tile_max;
  constexpr std::size_t C = D != 0 ? small_d_centres<A> : 4;
  const std::size_t dd = D != 0 ? D : d;
  alignas(A::alignment()) float tile[DX * W];
  const B one(1.0f);
  for (std::size_t i = 0; i < n; i += W) {
    const std::size_t m = n - i < W ? n - i : W;
    point_tile<D>(A{}, points + i * dd, m, dd, tile);
    B best(infinity<A>);
    B best_index(0.0f);
    B index(0.0f);
    const float* c = centroids;
    if constexpr (D != 0 && D <= 4) {
      B x[D];
      for (std::size_t j = 0; j < D; ++j) x[j] = B::load_aligned(tile + j * W);
      for (std::size_t ci = 0; ci < k; ++ci, c += D, index += one) {
        B t = x[0] - B(c[0]);
        B s = t * t;
        for (std::size_t j = 1; j < D; ++j) {
          t = x[j] - B(c[j]);
          s = xsimd::fma(t, t, s);
        }
        keep_min<A>(s, index, best, best_index);
      }
    } else {
      std::size_t ci = 0;
      for (; ci + C <= k; ci += C, c += C * dd) {
        B s[C];
        tile_distances<A, C, D>(tile, dd, c, s);
        keep_min_tree<A, C>(s, index, best, best_index);
        index += B(static_cast<float>(C));
      }
      for (; ci < k; ++ci, c += dd, index += one) {
        B s[1];
        tile_distances<A, 1, D>(tile, dd, c, s);
        keep_min<A>(s[0], index, best, best_index);
      }
    }
    store_lanes<A>(best, best_index, m, labels + i, min_dist + i);
  }
}

template <class A>
void assign_small_d_any(const float* points, std::size_t n, std::size_t d,
                        const float* centroids, std::size_t k, std::int32_t* labels,
                        float* min_dist) noexcept {
  switch (d) {
    case 1: return assign_small_d<A, 1>(points, n, d, centroids, k, labels, min_dist);
    case 2: return assign_small_d<A, 2>(points, n, d, centroids, k, labels, min_dist);
    case 3: return assign_small_d<A, 3>(points, n, d, centroids, k, labels, min_dist);
    case 4: return assign_small_d<A, 4>(points, n, d, centroids, k, labels, min_dist);
    case 5: return assign_small_d<A, 5>(points, n, d, centroids, k, labels, min_dist);
    case 6: return assign_small_d<A, 6>(points, n, d, centroids, k, labels, min_dist);
    case 7: return assign_small_d<A, 7>(points, n, d, centroids, k, labels, min_dist);
    case 8: return assign_small_d<A, 8>(points, n, d, centroids, k, labels, min_dist);
    case 9: return assign_small_d<A, 9>(points, n, d, centroids, k, labels, min_dist);
    case 10: return assign_small_d<A, 10>(points, n, d, centroids, k, labels, min_dist);
    case 11: return assign_small_d<A, 11>(points, n, d, centroids, k, labels, min_dist);
    case 12: return assign_small_d<A, 12>(points, n, d, centroids, k, labels, min_dist);
    case 13: return assign_small_d<A, 13>(points, n, d, centroids, k, labels, min_dist);
    case 14: return assign_small_d<A, 14>(points, n, d, centroids, k, labels, min_dist);
    case 15: return assign_small_d<A, 15>(points, n, d, centroids, k, labels, min_dist);
    case 16: return assign_small_d<A, 16>(points, n, d, centroids, k, labels, min_dist);
    default: return assign_small_d<A, 0>(points, n, d, centroids, k, labels, min_dist);
  }
}

// --- shared by the lanes = centres kernels ---------------------------------------------------

// Lowest index among the lanes equal to the minimum (CMSIS arm_min_f32's rule): returns the
// lane, and the minimum and its centre index through the references.
template <class A>
inline std::size_t lane_argmin(const float* best, const float* index, float& value,
                               float& at) noexcept {
  std::size_t lane = 0;
  value = best[0];
  at = index[0];
  for (std::size_t l = 1; l < fbatch<A>::size; ++l) {
    if (best[l] < value || (best[l] == value && index[l] < at)) {
      value = best[l];
      at = index[l];
      lane = l;
    }
  }
  return lane;
}

// --- general: exact form, lanes = centres over `prepared` ------------------------------------

template <class A>
void assign_centre_lanes(const float* points, std::size_t n, std::size_t d,
                         const float* prepared, std::size_t k, std::int32_t* labels,
                         float* min_dist) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  constexpr std::size_t V = 2;  // two independent accumulator chains per step
  const std::size_t kp = padded_k(k);
  const std::size_t tiles = kp / W;
  const B iota = lane_iota<A>();
  alignas(A::alignment()) float best_out[W];
  alignas(A::alignment()) float index_out[W];
  for (std::size_t i = 0; i < n; ++i) {
    const float* x = points + i * d;
    B best(infinity<A>);
    B best_index(0.0f);
    for (std::size_t t = 0; t < tiles; t += V) {
      const std::size_t v_count = tiles - t < V ? tiles - t : V;
      B acc[V] = {B(0.0f), B(0.0f)};
      const float* col = prepared + t * W;
      for (std::size_t j = 0; j < d; ++j, col += kp) {
        const B xb(x[j]);
        for (std::size_t v = 0; v < V; ++v) {
          if (v >= v_count) break;
          const B diff = xb - B::load_unaligned(col + v * W);
          acc[v] = xsimd::fma(diff, diff, acc[v]);
        }
      }
      for (std::size_t v = 0; v < v_count; ++v) {
        // Padding centres are 0 in `prepared`, so mask them through their +inf norm.
        const B norm = B::load_unaligned(prepared + d * kp + (t + v) * W);
        const B dist = xsimd::select(norm == B(infinity<A>), norm, acc[v]);
        keep_min<A>(dist, iota + B(static_cast<float>((t + v) * W)), best, best_index);
      }
    }
    best.store_aligned(best_out);
    best_index.store_aligned(index_out);
    float value = 0.0f;
    float at = 0.0f;
    lane_argmin<A>(best_out, index_out, value, at);
    labels[i] = static_cast<std::int32_t>(at);
    min_dist[i] = value;
  }
}

// --- large k*d: blocked norm form, lanes = centres -------------------------------------------

// Register blocking of the micro-kernel (assign_shape.hpp: blocked_tile_for).
template <class A>
struct blocking {
  static constexpr blocked_tile tile = blocked_tile_for(vector_registers<A>);
  static constexpr std::size_t P = tile.P;
  static constexpr std::size_t V = tile.V;
};

// Centres c0 .. c0 + V*W - 1 against the P points of `rows`; their per-lane state (best and
// second-best |c|^2 - 2 x.c, the best's centre index) starts at lane `at` of best, second, index.
// Inlined where that was measured faster (embed-128d on AVX-512 and AVX2: out of line, as GCC
// leaves it below the walk, it costs 2-4 %); kept out of line on the 16-register archs without
// FMA, where inlined it spills (SSE4.1: 25 % slower).
template <class A>
constexpr bool inline_blocked_micro =
    vector_registers<A> == 32 || std::is_base_of<xsimd::avx2, A>::value;

template <class A, std::size_t P, std::size_t V>
[[gnu::always_inline]] inline void blocked_micro(const float* const* rows, std::size_t d,
                                                 const float* prepared, std::size_t kp,
                                                 std::size_t c0, float* best_out,
                                                 float* second_out, float* index_out,
                                                 std::size_t at) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  B acc[P][V];
  for (std::size_t p = 0; p < P; ++p)
    for (std::size_t v = 0; v < V; ++v) acc[p][v] = B(0.0f);
  const float* col = prepared + c0;
  for (std::size_t j = 0; j < d; ++j, col += kp) {
    B cv[V];
    for (std::size_t v = 0; v < V; ++v) cv[v] = B::load_unaligned(col + v * W);
    for (std::size_t p = 0; p < P; ++p) {
      const B xb(rows[p][j]);
      for (std::size_t v = 0; v < V; ++v) acc[p][v] = xsimd::fma(xb, cv[v], acc[p][v]);
    }
  }
  const float* norms = prepared + d * kp + c0;
  const B two(2.0f);
  const B iota = lane_iota<A>();
  for (std::size_t v = 0; v < V; ++v) {  // ascending centres: strict < keeps the lower index
    const B norm = B::load_unaligned(norms + v * W);
    const B index = iota + B(static_cast<float>(c0 + v * W));
    for (std::size_t p = 0; p < P; ++p) {
      const B val = xsimd::fnma(two, acc[p][v], norm);  // |c|^2 - 2 x.c
      float* bp = best_out + at + p * W;
      float* sp = second_out + at + p * W;
      float* ip = index_out + at + p * W;
      const B best = B::load_aligned(bp);
      const B second = B::load_aligned(sp);
      const B best_index = B::load_aligned(ip);
      xsimd::select(val < best, index, best_index).store_aligned(ip);
      xsimd::min(second, xsimd::max(val, best)).store_aligned(sp);
      xsimd::min(val, best).store_aligned(bp);
    }
  }
}

template <class A, std::size_t P, std::size_t V>
[[gnu::noinline]] void blocked_micro_apart(const float* const* rows, std::size_t d,
                                           const float* prepared, std::size_t kp, std::size_t c0,
                                           float* best_out, float* second_out, float* index_out,
                                           std::size_t at) noexcept {
  blocked_micro<A, P, V>(rows, d, prepared, kp, c0, best_out, second_out, index_out, at);
}

// Branch-free horizontal step over one point's W lanes (their order is data-dependent, a branch
// would mispredict): the minimum, the lowest centre index among the lanes holding it, and the
// runner-up among every other candidate (other lanes' best, every lane's second best).
template <class A>
inline std::int32_t lanes_nearest_two(const float* best, const float* second, const float* index,
                                      float& value, float& runner_up) noexcept {
  constexpr std::size_t W = fbatch<A>::size;
  value = best[0];
  for (std::size_t l = 1; l < W; ++l) value = best[l] < value ? best[l] : value;
  float at = infinity<A>;
  for (std::size_t l = 0; l < W; ++l) {
    const float cand = best[l] == value ? index[l] : infinity<A>;
    at = cand < at ? cand : at;
  }
  runner_up = infinity<A>;
  for (std::size_t l = 0; l < W; ++l) {
    const float lane_min = best[l] < second[l] ? best[l] : second[l];
    const float other = index[l] == at ? second[l] : lane_min;
    runner_up = other < runner_up ? other : runner_up;
  }
  return static_cast<std::int32_t>(at);
}

// lanes_nearest_two in vector reductions where an arch has them (nearest_avx512.hpp); false
// here and wherever a lane is NaN.
template <class A>
inline bool nearest_in_vectors(A, const float*, const float*, const float*, float&, float&,
                               std::int32_t&) noexcept {
  return false;
}

// min_dist in the canonical exact form (common_xsimd.hpp) of m points (rows of x) to the
// centres of their labels, W points at a time (AVX-512: transpose_avx512.hpp's overload).
template <class A>
inline void labelled_distances(A, const float* x, const std::int32_t* labels, std::size_t m,
                               std::size_t d, const float* centroids, float* out) noexcept {
  constexpr std::size_t W = fbatch<A>::size;
  alignas(A::alignment()) std::int32_t xoff[W];
  alignas(A::alignment()) std::int32_t coff[W];
  alignas(A::alignment()) float dist[W];
  for (std::size_t q = 0; q < m; q += W) {
    const std::size_t mq = m - q < W ? m - q : W;
    for (std::size_t l = 0; l < W; ++l) {
      const std::size_t p = q + (l < mq ? l : mq - 1);
      xoff[l] = static_cast<std::int32_t>((p - q) * d);
      coff[l] = static_cast<std::int32_t>(static_cast<std::size_t>(labels[p]) * d);
    }
    gathered_distance<A>(x + q * d, ibatch<A>::load_aligned(xoff), centroids,
                         ibatch<A>::load_aligned(coff), d)
        .store_aligned(dist);
    for (std::size_t l = 0; l < mq; ++l) out[q + l] = dist[l];
  }
}

// The vector code of the blocked walk (assign_blocked_walk-inl.h) for arch A, with the per-lane
// state of a slab of G tiles of P points.
template <class A>
struct blocked_ops {
  static constexpr std::size_t P = blocking<A>::P;
  static constexpr std::size_t G = blocking<A>::tile.G;
  static constexpr std::size_t W = fbatch<A>::size;
  static constexpr std::size_t lanes = W;
  static_assert(prepared_lanes % W == 0, "a centre vector must not straddle the padding");
  const float* centroids;
  const float* prepared;
  std::size_t d, k, kp;
  alignas(A::alignment()) float best[G * P * W];
  alignas(A::alignment()) float second[G * P * W];
  alignas(A::alignment()) float index[G * P * W];

  blocked_ops(const float* c, const float* prep, std::size_t dd, std::size_t kk) noexcept
      : centroids(c), prepared(prep), d(dd), k(kk), kp(padded_k(kk)) {}
  void start(std::size_t m) noexcept {
    for (std::size_t l = 0; l < m * W; ++l) {
      best[l] = infinity<A>;
      second[l] = infinity<A>;
      index[l] = 0.0f;
    }
  }
  template <std::size_t TP, std::size_t V>
  [[gnu::always_inline]] void tile(const float* const* rows, std::size_t c0,
                                   std::size_t slot) noexcept {
    if constexpr (inline_blocked_micro<A>)
      blocked_micro<A, TP, V>(rows, d, prepared, kp, c0, best, second, index, slot * W);
    else
      blocked_micro_apart<A, TP, V>(rows, d, prepared, kp, c0, best, second, index, slot * W);
  }
  std::int32_t nearest(std::size_t slot, float& value, float& runner_up) const noexcept {
    const float* b = best + slot * W;
    const float* s = second + slot * W;
    const float* i = index + slot * W;
    std::int32_t label = 0;
    if (nearest_in_vectors(A{}, b, s, i, value, runner_up, label)) return label;
    return lanes_nearest_two<A>(b, s, i, value, runner_up);
  }
  float point_norm(const float* x) const noexcept { return squared_norm<A>(x, d); }
  std::int32_t exact_nearest(const float* x) const noexcept {
    std::int32_t label = 0;
    float dist = 0.0f;
    assign_centre_lanes<A>(x, 1, d, prepared, k, &label, &dist);
    return label;
  }
  void exact_distances(const float* x, const std::int32_t* labels, std::size_t m,
                       float* out) const noexcept {
    labelled_distances(A{}, x, labels, m, d, centroids, out);
  }
};

// Large k*d: the blocked norm form with the exact re-check of near ties.
template <class A>
void assign_blocked(const float* points, std::size_t n, std::size_t d, const float* centroids,
                    const float* prepared, std::size_t k, std::int32_t* labels,
                    float* min_dist) noexcept {
  blocked_ops<A> ops(centroids, prepared, d, k);
  assign_blocked_walk<blocking<A>::P, blocking<A>::V, blocked_ops<A>::G>(
      points, n, d, prepared, k, labels, min_dist, ops);
}

// --- general without `prepared`: lanes = points, any d -------------------------------------

// The small-d kernel's operations for d too large for a stack tile: each lane gathers its
// point's feature j (stride d) for every centre. Slower than a tile, but the same canonical
// exact form, so labels and min_dist equal those of the kernels above.
template <class A>
void assign_gathered(const float* points, std::size_t n, std::size_t d, const float* centroids,
                     std::size_t k, std::int32_t* labels, float* min_dist) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  alignas(A::alignment()) std::int32_t xoff[W];
  const B one(1.0f);
  const ibatch<A> ione(1);
  for (std::size_t i = 0; i < n; i += W) {
    const std::size_t m = n - i < W ? n - i : W;
    for (std::size_t l = 0; l < W; ++l)
      xoff[l] = static_cast<std::int32_t>((l < m ? l : m - 1) * d);
    const ibatch<A> off0 = ibatch<A>::load_aligned(xoff);
    const float* x = points + i * d;
    B best(infinity<A>);
    B best_index(0.0f);
    B index(0.0f);
    const float* c = centroids;
    for (std::size_t ci = 0; ci < k; ++ci, c += d, index += one) {
      ibatch<A> off = off0;
      B t = B::gather(x, off) - B(c[0]);
      B s = t * t;
      for (std::size_t j = 1; j < d; ++j) {
        off += ione;
        t = B::gather(x, off) - B(c[j]);
        s = xsimd::fma(t, t, s);
      }
      keep_min<A>(s, index, best, best_index);
    }
    store_lanes<A>(best, best_index, m, labels + i, min_dist + i);
  }
}

// The name of the shape assign() runs inside a Lloyd iteration (assign_shape.hpp).
template <class A>
const char* assign_kernel_name(std::size_t d, std::size_t k) noexcept {
  return assign_shape_name(xsimd_assign_rule, d, k);
}

// Maps the shape assign_shape.hpp chooses to its kernel. Every kernel reports the canonical
// exact form (common_xsimd.hpp).
template <class A>
void assign(const float* points, std::size_t n, std::size_t d, const float* centroids,
            const float* prepared, std::size_t k, std::int32_t* labels, float* min_dist) {
  switch (choose_assign_shape(xsimd_assign_rule, d, k, prepared != nullptr)) {
    case assign_shape::small_d:
      return assign_small_d_any<A>(points, n, d, centroids, k, labels, min_dist);
    case assign_shape::blocked:
      return assign_blocked<A>(points, n, d, centroids, prepared, k, labels, min_dist);
    case assign_shape::points_in_lanes:
      return assign_small_d<A, 0>(points, n, d, centroids, k, labels, min_dist);
    case assign_shape::centre_lanes:
      return assign_centre_lanes<A>(points, n, d, prepared, k, labels, min_dist);
    default:  // exact_rows
      return assign_gathered<A>(points, n, d, centroids, k, labels, min_dist);
  }
}

}  // namespace tinykm::kernels::xs
