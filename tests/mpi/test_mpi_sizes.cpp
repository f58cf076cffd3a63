// mpi::fit_workspace_size and mpi::merge_streams_workspace_size against their layouts written
// out here (scratch_mpi.hpp, merge_streams.cpp) in the tests' own overflow-checked arithmetic,
// over a grid of shapes and parameters, on 1, 2 and 3 ranks. CHECK only (see test_mpi_fit.cpp).
#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "../size_formulas.hpp"
#include "mpi_support.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/mpi.hpp"

namespace {

using tinykm::init_method;
using tkt::kMax;
using tkt::r64;
using tkt::sz;

sz larger(sz a, sz b) { return a.get() > b.get() ? a : b; }

// An overflowed size as a term (an operand that is already SIZE_MAX stays it).
sz overflowed() {
  sz s = kMax;
  s.over = true;
  return s;
}

// fit_scratch_mpi: fit()'s buffers without initialisation, the reductions, and for k-means||
// its candidates and a workspace for the fit on them.
sz mpi_fit_formula(std::size_t ranks_, const tinykm::fit_params& params, std::size_t n_local,
                   std::size_t d_, const tinykm::mpi::parallel_init& init) {
  struct value_rank {  // MPI_DOUBLE_INT
    double value;
    int rank;
  };
  const sz k = params.k, d = d_, n = n_local, ranks = ranks_, d1 = d + 1;
  // The local fits run plain Lloyd (no bound buffers).
  sz total = r64(tkt::fit_formula(init_method::user, params.parallel.run != nullptr, params.k,
                                  n_local, d_, tinykm::kernels::compact_code, false));
  sz round_cap = 0, cap = 0;
  if (params.init == init_method::kmeans_plus_plus) {
    const double expected = init.oversampling * static_cast<double>(params.k);
    round_cap = expected < 1e9 ? sz(static_cast<std::size_t>(std::ceil(2.0 * expected)) + 16)
                               : overflowed();
    cap = 1 + sz(init.rounds) * round_cap;
  }
  const sz reduce = larger(larger(k * d1 + 1, cap), d1);
  total = total + 2 * r64(8 * reduce) + r64(4 * d) + 2 * r64(sizeof(value_rank) * k) +
          2 * r64(4 * ranks) + r64(8 * ranks) + r64(8 * k);
  if (cap.get() != 0) {
    tinykm::fit_params candidate = params;
    candidate.n_init = 1;
    candidate.parallel = tinykm::parallel_for{};
    const sz candidate_workspace =
        cap.over ? overflowed() : sz(tinykm::fit_workspace_size(candidate, cap.v, d_));
    total = total + r64(4 * n) + r64(4 * cap * d) + r64(4 * tkt::up(cap, 16) * d1) +
            r64(4 * cap) + r64(4 * round_cap * d) + r64(candidate_workspace);
  }
  return total + 64;
}

// merge_streams' fleet_buffers.
sz mpi_merge_formula(std::size_t ranks_, std::size_t k_, std::size_t d_) {
  const sz k = k_, d = d_, ranks = ranks_, rk = ranks * k;
  const sz fit = rk.over ? overflowed()
                         : tkt::fit_formula(init_method::user, false, k_, rk.v, d_,
                                            tinykm::kernels::compact_code, false);
  return r64(4 * k * d) + r64(4 * ranks * k * d) + r64(12 * rk) + 3 * r64(4 * rk) +
         r64(32 * ranks) + r64(8 * ranks) + r64(fit) + 64;
}

}  // namespace

TEST_CASE("mpi sizes: fit_workspace_size over a grid of shapes and parameters", "[mpi]") {
  const std::size_t ranks = static_cast<std::size_t>(tinykm_mpi_test::ranks());
  for (const init_method method : {init_method::kmeans_plus_plus, init_method::random,
                                   init_method::farthest_point, init_method::user})
    for (const bool parallel : {false, true})
      for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{17},
                                  std::size_t{1000}, std::size_t{1} << 20, kMax / 4, kMax})
        for (const std::size_t d : {std::size_t{1}, std::size_t{5}, std::size_t{64},
                                    std::size_t{4097}, kMax / 64, kMax})
          for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{100},
                                      std::size_t{5000}, std::size_t{70000}, kMax / 8, kMax})
            for (const std::uint32_t rounds : {1u, 5u})
              for (const double oversampling : {0.5, 2.0, 1e9}) {
                if (method == init_method::kmeans_plus_plus && k > 3000000000u) continue;
                tinykm::fit_params p;
                p.k = k;
                p.init = method;
                p.n_init = 3;
                if (parallel) p.parallel.run = [](void*, std::size_t, tinykm::task_fn, void*) {};
                const tinykm::mpi::parallel_init init{rounds, oversampling};
                INFO("init " << static_cast<int>(method) << (parallel ? " parallel" : "")
                             << " k " << k << " d " << d << " n " << n << " rounds " << rounds
                             << " oversampling " << oversampling);
                CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, p, n, d, init) ==
                      mpi_fit_formula(ranks, p, n, d, init).get());
              }
}

TEST_CASE("mpi sizes: merge_streams_workspace_size over a grid of shapes", "[mpi]") {
  const std::size_t ranks = static_cast<std::size_t>(tinykm_mpi_test::ranks());
  for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{4096},
                              kMax / 4, kMax})
    for (const std::size_t d : {std::size_t{1}, std::size_t{2}, std::size_t{100}, kMax / 64, kMax}) {
      INFO("k " << k << " d " << d);
      CHECK(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, k, d) ==
            mpi_merge_formula(ranks, k, d).get());
    }
}
