// Lloyd with Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): per point an upper
// bound u to the distance to its centre and a lower bound l to the distance to every other
// centre, carried across iterations by the triangle inequality (u += move of its centre, l -=
// the largest move of another). A point whose bounds prove its label keeps it without a
// distance pass; any other is recomputed. Exact: every iteration gives plain Lloyd's labels, so
// the same sums (the same walk, pass_walk.hpp) and the same centres, bit for bit.
#pragma once

#include <cstddef>

#include "dataset.hpp"
#include "kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/config.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// Whether fit() runs the bounded Lloyd for these parameters (and sizes its buffers). Compact
// (firmware) builds never do, so they link none of it. `automatic` picks it where it measured
// faster (bench/bench_lloyd.cpp, fit_algorithm: a fit to tol 1e-4 from a common start; AMD EPYC,
// AVX-512, 118 GFLOP/s FMA peak in the same run, 1 thread, bounded / lloyd CPU time): large
// k x d, where a recomputed point costs about what plain Lloyd pays for every point
// (embed-128d 0.57). At small d the plain pass costs a few ns per point, less than the bound
// test and the slower recomputation (no second-nearest in the assign kernels): sensor-16d 1.16,
// digits (k = 10) 1.14, sensor-3d 7.6, colour-quant 6.5. n >= 16k keeps the k^2 d gap work small.
inline bool bounded_wins(std::size_t n, std::size_t d, std::size_t k) noexcept {
  return d > 16 && k >= 64 && n / 16 >= k;
}
inline bool runs_bounded(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  if (kernels::compact_code) return false;
  switch (params.algorithm) {
    case lloyd_algorithm::bounded: return true;
    case lloyd_algorithm::automatic:
      return params.n_iter_check == 0 && bounded_wins(n, d, params.k);
    default: return false;
  }
}

// Points whose distances to all k centres one `distances` call computes (the buffer holds
// bounded_rows(k) x k floats).
constexpr std::size_t bounded_rows(std::size_t k) noexcept {
  const std::size_t rows = k == 0 ? block_points : 16384 / k;
  return rows < 1 ? 1 : rows > block_points ? block_points : rows;
}

// run_lloyd() with bounds: the same outcome, bit for bit.
lloyd_outcome run_bounded_lloyd(const kernels::kernel_table& kt, const dataset& data,
                                const fit_params& params, double scaled_tol, fit_scratch& s);

}  // namespace tinykm::detail
