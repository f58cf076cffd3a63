// Which Highway assign kernel runs for a shape. Shared by the kernels (src/kernels/hwy/), the
// tests (every path must be covered) and the benchmarks (which print the choice).
//
// Every path reports the same bits for the same point and centres, with or without `prepared`
// (fit's inertia must equal inertia() and predict), so each d has one summation order for the
// exact (x - c)^2: d <= 16 sums the features in index order (as small_d does with points in
// lanes); d > 16 sums them in lanes and then across lanes (RowSquaredDistance, as exact_rows).
// The blocked kernel reports min_dist and re-checks near ties in that same order.
#pragma once

#include <cstddef>

namespace tinykm::kernels {

enum class hwy_assign_kernel {
  small_d,     // d <= 16: points in lanes, exact (x - c)^2, centres broadcast from the rows
  blocked,     // large k*d with `prepared`: register-blocked |c|^2 - 2 x.c, exact near-tie re-check
  exact_rows,  // d > 16 without `prepared` (predict): features in lanes, exact (x - c)^2
};
constexpr int hwy_assign_kernel_count = 3;

// small_d up to and including this d. Measured on Zen 4 (AVX-512 and AVX2), sensor-16d
// (d = 16, k = 64): small_d 7.8 ms per assign pass, blocked 14.6 ms (at d = 16 the norm form's
// per-point work, the final argmin, the re-check test and the exact min_dist, costs as much as
// it saves); at d = 64 (digits) and d = 128 blocked wins by far.
constexpr std::size_t hwy_small_d_max = 16;

constexpr hwy_assign_kernel choose_hwy_assign_kernel(std::size_t d, std::size_t /*k*/,
                                                     bool has_prepared) {
  if (d <= hwy_small_d_max) return hwy_assign_kernel::small_d;
  return has_prepared ? hwy_assign_kernel::blocked : hwy_assign_kernel::exact_rows;
}

// Short name of a kernel, e.g. "blocked (|c|^2 - 2x.c, exact re-check)".
const char* hwy_assign_kernel_name(hwy_assign_kernel kernel) noexcept;

// The kernel assign runs for d and k inside a Lloyd iteration (where `prepared` is given).
inline const char* hwy_assign_kernel_name(std::size_t d, std::size_t k) noexcept {
  return hwy_assign_kernel_name(choose_hwy_assign_kernel(d, k, true));
}

}  // namespace tinykm::kernels
