#include "scratch_mpi.hpp"

#include <cmath>

#include "carver.hpp"
#include "kernels.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::mpi::detail {

using tinykm::detail::add_sat;
using tinykm::detail::mul_sat;

namespace {

// What the layout depends on: the shape and the counts that derive from it.
struct scratch_shape {
  std::size_t k, d, n_local, ranks;
  std::size_t local_bytes;                // fit's workspace for the local passes
  std::size_t reduce_count;               // see fit_scratch_mpi
  std::size_t round_cap, candidate_cap;   // k-means|| only, else 0
  std::size_t candidate_workspace_bytes;  // k-means|| only, else 0
};

std::size_t larger(std::size_t a, std::size_t b) noexcept { return a > b ? a : b; }

scratch_shape shape_of(int ranks, const fit_params& params, std::size_t n_local, std::size_t d,
                       const parallel_init& init) noexcept {
  constexpr std::size_t overflow = tinykm::detail::size_overflow;
  scratch_shape c{};
  c.k = params.k;
  c.d = d;
  c.n_local = n_local;
  c.ranks = static_cast<std::size_t>(ranks);
  c.local_bytes = tinykm::detail::fit_scratch_bytes(local_params(params), n_local, d);
  if (params.init == init_method::kmeans_plus_plus) {
    const double expected = init.oversampling * static_cast<double>(c.k);  // per round
    c.round_cap = expected < 1e9 ? static_cast<std::size_t>(std::ceil(2.0 * expected)) + 16 : overflow;
    c.candidate_cap = add_sat(1, mul_sat(init.rounds, c.round_cap));
    fit_params candidate_params = params;
    candidate_params.n_init = 1;
    candidate_params.parallel = parallel_for{};
    c.candidate_workspace_bytes =
        c.candidate_cap == overflow ? overflow
                                    : fit_workspace_size(candidate_params, c.candidate_cap, d);
  }
  const std::size_t d1 = add_sat(d, 1);
  c.reduce_count = larger(larger(add_sat(mul_sat(c.k, d1), 1), c.candidate_cap), d1);
  return c;
}

}  // namespace

// Every buffer, in order (tinykm/layout.hpp); the candidates' are empty unless k-means||.
template <typename Cut>
void lay_out(Cut& cut, fit_scratch_mpi& s, const scratch_shape& c) noexcept {
  const std::size_t candidates = c.candidate_cap;
  cut(s.local_workspace, c.local_bytes);
  cut(s.reduce, c.reduce_count);
  cut(s.reduce_scratch, c.reduce_count);
  cut(s.point, c.d);
  cut(s.maxloc_in, c.k);
  cut(s.maxloc_out, c.k);
  cut(s.counts, c.ranks);
  cut(s.offsets, c.ranks);
  cut(s.rank_weights, c.ranks);
  cut(s.rows, c.k);
  cut(s.closest, candidates != 0 ? c.n_local : 0);
  cut(s.candidates, mul_sat(candidates, c.d));
  cut(s.candidate_prepared, tinykm::detail::prepared_floats_sat(candidates, c.d));
  cut(s.candidate_weights, candidates);
  cut(s.send, mul_sat(c.round_cap, c.d));
  cut(s.candidate_workspace, c.candidate_workspace_bytes);
}

fit_params local_params(const fit_params& params) noexcept {
  fit_params p = params;
  p.init = init_method::user;  // no init buffers: the ranks initialise together
  return p;
}

std::size_t fit_scratch_mpi_bytes(int ranks, const fit_params& params, std::size_t n_local,
                                  std::size_t d, const parallel_init& init) noexcept {
  return tinykm::detail::workspace_bytes<fit_scratch_mpi>(
      shape_of(ranks, params, n_local, d, init));
}

fit_scratch_mpi carve_fit_scratch_mpi(int ranks, const fit_params& params, std::size_t n_local,
                                      std::size_t d, const parallel_init& init,
                                      void* workspace) noexcept {
  const scratch_shape c = shape_of(ranks, params, n_local, d, init);
  fit_scratch_mpi s =
      tinykm::detail::carve<fit_scratch_mpi>(tinykm::detail::align64(workspace), c);
  s.local = tinykm::detail::carve_fit_scratch(local_params(params), n_local, d, s.local_workspace);
  s.reduce_count = c.reduce_count;
  s.round_cap = c.round_cap;
  s.candidate_cap = c.candidate_cap;
  s.candidate_workspace_bytes = c.candidate_workspace_bytes;
  return s;
}

}  // namespace tinykm::mpi::detail
