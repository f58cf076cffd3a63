#include "scratch_mpi.hpp"

#include <cmath>

#include "carver.hpp"
#include "kernels.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::mpi::detail {

using tinykm::detail::add_sat;
using tinykm::detail::mul_sat;

namespace {

std::size_t larger(std::size_t a, std::size_t b) noexcept { return a > b ? a : b; }

// The counts of fit_scratch_mpi (the candidates' stay 0 unless k-means||).
void set_counts(fit_scratch_mpi& s, const fit_params& params, std::size_t d,
                const parallel_init& init) noexcept {
  constexpr std::size_t overflow = tinykm::detail::size_overflow;
  const std::size_t k = params.k;
  if (seeds_kmeans_parallel(params.init)) {
    const double expected = init.oversampling * static_cast<double>(k);  // per round
    s.round_cap = expected < 1e9 ? static_cast<std::size_t>(std::ceil(2.0 * expected)) + 16 : overflow;
    s.candidate_cap = add_sat(1, mul_sat(init.rounds, s.round_cap));
    fit_params candidate_params = params;
    candidate_params.init = init_method::kmeans_plus_plus;  // as init_kmeans_parallel fits them
    candidate_params.n_init = 1;
    candidate_params.parallel = parallel_for{};
    s.candidate_workspace_bytes =
        s.candidate_cap == overflow ? overflow
                                    : fit_workspace_size(candidate_params, s.candidate_cap, d);
  }
  const std::size_t d1 = add_sat(d, 1);
  s.reduce_count = larger(larger(add_sat(mul_sat(k, d1), 1), s.candidate_cap), d1);
}

}  // namespace

// Every buffer, in order (tinykm/layout.hpp), after the counts it is cut by.
template <typename Cut>
void lay_out(Cut& cut, fit_scratch_mpi& s, int ranks, const fit_params& params,
             std::size_t n_local, std::size_t d, const parallel_init& init) noexcept {
  set_counts(s, params, d, init);
  const std::size_t k = params.k, n_ranks = static_cast<std::size_t>(ranks);
  const std::size_t candidates = s.candidate_cap;
  cut(s.local_workspace, tinykm::detail::fit_scratch_bytes(local_params(params), n_local, d));
  cut(s.reduce, s.reduce_count);
  cut(s.reduce_scratch, s.reduce_count);
  cut(s.point, d);
  cut(s.maxloc_in, k);
  cut(s.maxloc_out, k);
  cut(s.counts, n_ranks);
  cut(s.offsets, n_ranks);
  cut(s.rank_weights, n_ranks);
  cut(s.rows, k);
  cut(s.closest, candidates != 0 ? n_local : 0);
  cut(s.candidates, mul_sat(candidates, d));
  cut(s.candidate_prepared, tinykm::detail::prepared_floats_sat(candidates, d));
  cut(s.candidate_weights, candidates);
  cut(s.send, mul_sat(s.round_cap, d));
  cut(s.candidate_workspace, s.candidate_workspace_bytes);
}

fit_params local_params(const fit_params& params) noexcept {
  fit_params p = params;
  p.init = init_method::user;  // no init buffers: the ranks initialise together
  p.algorithm = lloyd_algorithm::lloyd;  // mpi::fit runs plain Lloyd: no bound buffers
  p.refine = refinement::none;           // nor the (serial) refinement
  return p;
}

std::size_t fit_scratch_mpi_bytes(int ranks, const fit_params& params, std::size_t n_local,
                                  std::size_t d, const parallel_init& init) noexcept {
  return tinykm::detail::workspace_bytes<fit_scratch_mpi>(ranks, params, n_local, d, init);
}

fit_scratch_mpi carve_fit_scratch_mpi(int ranks, const fit_params& params, std::size_t n_local,
                                      std::size_t d, const parallel_init& init,
                                      void* workspace) noexcept {
  fit_scratch_mpi s = tinykm::detail::carve<fit_scratch_mpi>(tinykm::detail::align64(workspace),
                                                             ranks, params, n_local, d, init);
  s.local = tinykm::detail::carve_fit_scratch(local_params(params), n_local, d, s.local_workspace);
  return s;
}

}  // namespace tinykm::mpi::detail
