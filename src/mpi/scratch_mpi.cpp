#include "scratch_mpi.hpp"

#include <cmath>

#include "carver.hpp"
#include "kernels.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::mpi::detail {

namespace {

constexpr std::size_t overflow = tinykm::detail::size_overflow;
using tinykm::detail::add_sat;
using tinykm::detail::mul_sat;

std::size_t larger(std::size_t a, std::size_t b) noexcept { return a > b ? a : b; }

}  // namespace

fit_params local_params(const fit_params& params) noexcept {
  fit_params p = params;
  p.init = init_method::user;  // no init buffers: the ranks initialise together
  return p;
}

fit_scratch_mpi lay_out_fit(int ranks, const fit_params& params, std::size_t n_local,
                            std::size_t d, const parallel_init& init, void* base,
                            std::size_t* bytes) noexcept {
  using tinykm::detail::carver;
  const std::size_t k = params.k;
  const auto n_ranks = static_cast<std::size_t>(ranks);
  fit_scratch_mpi s{};
  carver cut(base);
  const std::size_t local_bytes = tinykm::detail::fit_scratch_bytes(local_params(params), n_local, d);
  unsigned char* local = cut.take<unsigned char>(local_bytes);
  if (base != nullptr) s.local = tinykm::detail::carve_fit_scratch(local_params(params), n_local, d, local);

  if (params.init == init_method::kmeans_plus_plus) {
    const double expected = init.oversampling * static_cast<double>(k);  // per round
    s.round_cap = expected < 1e9 ? static_cast<std::size_t>(std::ceil(2.0 * expected)) + 16 : overflow;
    s.candidate_cap = add_sat(1, mul_sat(init.rounds, s.round_cap));
  }
  const std::size_t d1 = add_sat(d, 1);
  s.reduce_count = larger(larger(add_sat(mul_sat(k, d1), 1), s.candidate_cap), d1);
  s.reduce = cut.take<double>(s.reduce_count);
  s.reduce_scratch = cut.take<double>(s.reduce_count);
  s.point = cut.take<float>(d);
  s.maxloc_in = cut.take<value_rank>(k);
  s.maxloc_out = cut.take<value_rank>(k);
  s.counts = cut.take<int>(n_ranks);
  s.offsets = cut.take<int>(n_ranks);
  s.rank_weights = cut.take<double>(n_ranks);
  s.rows = cut.take<std::uint64_t>(k);
  if (s.candidate_cap != 0) {
    s.closest = cut.take<float>(n_local);
    s.candidates = cut.take<float>(mul_sat(s.candidate_cap, d));
    s.candidate_prepared = cut.take<float>(  // kernels::prepared_floats, saturated
        mul_sat(tinykm::detail::round_up_sat(s.candidate_cap, kernels::prepared_lanes), d1));
    s.candidate_weights = cut.take<float>(s.candidate_cap);
    s.send = cut.take<float>(mul_sat(s.round_cap, d));
    fit_params candidate_params = params;
    candidate_params.n_init = 1;
    candidate_params.parallel = parallel_for{};
    s.candidate_workspace_bytes =
        s.candidate_cap == overflow ? overflow
                                    : fit_workspace_size(candidate_params, s.candidate_cap, d);
    s.candidate_workspace = cut.take<unsigned char>(s.candidate_workspace_bytes);
  }
  // plus slack to align an unaligned caller buffer
  *bytes = add_sat(cut.used(), 64);
  return s;
}

}  // namespace tinykm::mpi::detail
