// The *_size formulas of the headers in overflow-checked arithmetic of the tests' own (compiler
// builtins, not the library's saturating helpers), shared by test_sizes.cpp and the MPI tests.
#pragma once

#include <cstddef>
#include <limits>

#include "kernels.hpp"
#include "tinykm/config.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/params.hpp"

namespace tkt {

constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();

// A size_t that remembers whether any step overflowed.
struct sz {
  std::size_t v = 0;
  bool over = false;
  sz(std::size_t x = 0) : v(x) {}  // NOLINT: implicit, so formulas read as in the headers
  std::size_t get() const { return over ? kMax : v; }
};
inline sz operator+(sz a, sz b) {
  sz r;
  r.over = a.over || b.over || __builtin_add_overflow(a.v, b.v, &r.v);
  return r;
}
inline sz operator*(sz a, sz b) {
  sz r;
  r.over = a.over || b.over || __builtin_mul_overflow(a.v, b.v, &r.v);
  return r;
}
// x rounded up to a multiple of m.
inline sz up(sz x, std::size_t m) { return x.v % m == 0 ? x : x + sz(m - x.v % m); }
inline sz r64(sz x) { return up(x, 64); }
inline sz ceil_div(std::size_t n, std::size_t m) { return sz(n / m + (n % m != 0 ? 1 : 0)); }

// 2 + floor(ln k) by the library's integer rule (kmeans.hpp), for k below e^22.
inline std::size_t trials(std::size_t k) {
  std::size_t t = 2;
  for (double e = 2.718281828459045; e <= static_cast<double>(k); e *= 2.718281828459045) ++t;
  return t;
}

// kmeans.hpp's fit_workspace_size formula.
// compact: a compact (firmware) build, which never runs the bounded Lloyd; automatic: the
// parameters' algorithm is automatic (false: lloyd, as mpi::fit's local fits).
inline sz fit_formula(tinykm::init_method init, bool parallel, std::size_t k_, std::size_t n_,
                      std::size_t d_, bool compact = tinykm::kernels::compact_code,
                      bool automatic = true,
                      tinykm::refinement refine = tinykm::refinement::none) {
  const sz k = k_, n = n_, d = d_;
  // automatic (params.hpp): k-means|| on hosts where d > 16, k >= 64 and n / 16 >= 20 k + 1.
  if (init == tinykm::init_method::automatic)
    init = !compact && d_ > 16 && k_ >= 64 && n_ / 16 >= 20 * k_ + 1
               ? tinykm::init_method::kmeans_parallel
               : tinykm::init_method::kmeans_plus_plus;
  const sz C = ceil_div(n_, tinykm::parallel_chunk_points);
  const sz S = parallel ? (C.v < 16 ? C : sz(16)) : sz(1);
  const sz B = tinykm::block_points;
  sz total = sz(64) + r64(8 * k * d) + r64(8 * k) + r64(4 * k * d) +
             r64(4 * up(k, 16) * (d + 1)) + 2 * r64(4 * S * B) + r64(8 * S * k * (d + 1)) +
             r64(8 * C) + 2 * r64(4 * k);
  if (init == tinykm::init_method::farthest_point) total = total + r64(4 * n);
  if (init == tinykm::init_method::random) total = total + r64(4 * k);
#if defined(TINYKM_COMPACT_CODE) && !TINYKM_COMPACT_CODE
  const bool parallel_init = init == tinykm::init_method::kmeans_parallel;
#else
  const bool parallel_init = false;  // compact builds refuse k-means|| and size nothing for it
#endif
  if (init == tinykm::init_method::kmeans_plus_plus || parallel_init) {
    const sz T = trials(k_);
    total = total + r64(4 * n) + r64(4 * T * d) + r64(8 * T * C) + 2 * r64(8 * T) + 2 * r64(4 * T);
  }
  if (parallel_init) {
    const sz M = sz(1) + sz(5) * (sz(4) * k);
    total = total + r64(4 * M * d) + r64(4 * M) + r64(8 * M) + r64(4 * up(4 * k, 16) * (d + 1)) +
            r64(4 * n) + r64(4 * C);
  }
  std::size_t rows = 16384 / k_;  // R: the bounded Lloyd's and Hartigan's rows per call
  rows = rows < 1 ? 1 : rows > tinykm::block_points ? tinykm::block_points : rows;
  const sz R = rows;
  if (!compact && refine == tinykm::refinement::hartigan)
    total = total + r64(4 * n) + r64(8 * k * d) + r64(4 * k * d) + r64(4 * R * k) + r64(8 * k);
  if (!compact && refine == tinykm::refinement::split_merge)
    total = total + r64(4 * n) + r64(4 * k * d) + r64(8 * k) + r64(16 * k);
  // The bounded Lloyd, as the default fit_params' automatic choice takes it.
  if (!compact && automatic && d_ > 16 && k_ >= 64 && n_ / 16 >= k_) {
    total = total + 3 * r64(4 * n) + r64(4 * k * d) + 2 * r64(4 * k) + r64(4 * S * R * d) +
            r64(4 * S * R * (k + sz(3))) + r64(4 * S * B) + r64(sizeof(std::size_t) * S);
  }
  return total;
}

}  // namespace tkt
