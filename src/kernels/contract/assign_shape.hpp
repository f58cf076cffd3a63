// Which assign kernel runs for a shape (d, k, `prepared` given or not): one chooser and one name
// table for every SIMD backend; each backend maps the shape to its own implementation (Highway:
// hwy/assign_hwy.cpp, xsimd: xsimd/assign_xsimd.hpp). Seen by the tests (every path must be
// covered) and the benchmarks (which print the choice through kernel_table::assign_kernel).
//
// Every shape reports the same bits for the same point and centres (fit's inertia must equal
// inertia() and predict): a backend sums the exact (x - c)^2 in one order per d, whichever shape
// runs, and the blocked shape re-checks near ties in that order (near_tie_margin.hpp).
#pragma once

#include <cstddef>

namespace tinykm::kernels {

enum class assign_shape {
  small_d,          // d <= small_d_max: points in lanes, d fixed at compile time, exact
  blocked,          // norm form |c|^2 - 2 x.c over `prepared`, exact near-tie re-check
  points_in_lanes,  // d at run time, points in lanes (a transposed tile on the stack), exact
  centre_lanes,     // centres in lanes over `prepared`, exact
  exact_rows,       // any d without `prepared` (predict), exact
};
constexpr std::size_t assign_shape_count = 5;

inline constexpr const char* assign_shape_names[assign_shape_count] = {
    "small-d (points in lanes, exact)", "blocked (|c|^2 - 2x.c, exact re-check)",
    "points in lanes (exact)", "centres in lanes (exact)", "exact rows"};

constexpr const char* assign_shape_name(assign_shape shape) {
  return assign_shape_names[static_cast<std::size_t>(shape)];
}

// small_d up to and including this d, on both backends. Measured on Zen 4 at d = 16, k = 64
// (sensor-16d): Highway small-d 7.8 ms per assign pass against blocked 14.6 ms, xsimd 5.4 against
// 14.8 ms per 200k points: at d = 16 the norm form's per-point work (the argmin across lanes, the
// re-check test, the exact min_dist) costs as much as it saves. From d = 64 blocked wins by far.
constexpr std::size_t small_d_max = 16;

// What a backend has beyond small_d and blocked, measured per backend (one thread, AVX-512):
struct assign_shape_rule {
  std::size_t blocked_min_k;          // blocked (with `prepared`, d > small_d_max) from this k
  std::size_t points_in_lanes_max_d;  // points_in_lanes up to this d (0: no such kernel)
  bool centre_lanes;                  // centre_lanes when `prepared` is given
};

// Highway: blocked whatever k (its tiles shrink to 8 points x 1 vector of centres for k <= 16);
// otherwise one point at a time with its features in lanes. Its points-in-lanes tile
// (AssignSmallRuntime) cannot simply take d <= 64 below k = 16 (digits) as xsimd's does: it sums
// (x - c)^2 in feature order, where Highway's exact rows (predict, the blocked re-check) sum
// d > 16 with the features in lanes, so fits change bits (test_golden, d = 24 and 33). Its
// blocked shape puts 16 points in lanes itself where the centres fill one vector on AVX-512 and
// 16 divides d (hwy/assign_lanes16_avx3-inl.h: norm form, then min_dist in the canonical order;
// digits on Zen 4: 0.072 -> 0.045 ms per assign pass).
inline constexpr assign_shape_rule hwy_assign_rule{1, 0, false};
// xsimd: blocked from k = 16 (embed-128d: 72 against 180 ms per pass); below, points in lanes up
// to d = 64 (digits: d = 64, k = 10), then centres in lanes, or gathered points without
// `prepared` (its exact_rows).
inline constexpr assign_shape_rule xsimd_assign_rule{16, 64, true};

constexpr assign_shape choose_assign_shape(const assign_shape_rule& rule, std::size_t d,
                                           std::size_t k, bool has_prepared) {
  if (d <= small_d_max) return assign_shape::small_d;
  if (has_prepared && k >= rule.blocked_min_k) return assign_shape::blocked;
  if (d <= rule.points_in_lanes_max_d) return assign_shape::points_in_lanes;
  if (has_prepared && rule.centre_lanes) return assign_shape::centre_lanes;
  return assign_shape::exact_rows;
}

// The blocked shape's register tile, for both backends: P points x V vectors of centres, P * V
// accumulators, in slabs of G tiles. Each feature step loads V centre vectors and broadcasts P
// point features for P * V independent FMAs; two FMA ports x 4 cycles of latency need 8 or more.
//   32 registers (AVX-512, AArch64): 6 x 4 = 24 accumulators + 4 centres + 1 broadcast (8 x 3,
//     12 x 2 and slabs of 4 or 16 measured the same at embed-128d on Zen 4).
//   16 registers (SSE, AVX2, ARMv7): 5 x 2 = 10 accumulators + 2 + 1; at 6 x 2 GCC spilled one
//     Highway AVX2 accumulator to the stack (a store-load chain per feature: half the speed).
// A slab of G = 8 tiles shares each V-vector column of `prepared` while it is in cache, and
// gives the per-point steps (min_dist, the near-tie test) whole vectors of points.
struct blocked_tile {
  std::size_t P, V, G;
};
constexpr blocked_tile blocked_tile_for(std::size_t vector_registers) {
  return vector_registers >= 32 ? blocked_tile{6, 4, 8} : blocked_tile{5, 2, 8};
}

// The name kernel_table::assign_kernel gives: the shape a Lloyd iteration (`prepared` given) runs.
constexpr const char* assign_shape_name(const assign_shape_rule& rule, std::size_t d,
                                        std::size_t k) {
  return assign_shape_name(choose_assign_shape(rule, d, k, true));
}

}  // namespace tinykm::kernels
