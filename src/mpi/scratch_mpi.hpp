// How mpi::fit carves the caller's workspace: one layout description (scratch_mpi.cpp,
// tinykm/layout.hpp) serves mpi::fit_workspace_size() and mpi::fit().
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "tinykm/mpi.hpp"
#include "workspace.hpp"

namespace tinykm::mpi::detail {

// MPI_DOUBLE_INT's layout, for MPI_MAXLOC: the largest value, ties to the lowest rank.
struct value_rank {
  double value;
  int rank;
};

struct fit_scratch_mpi {
  tinykm::detail::fit_scratch local;  // fit()'s buffers for this rank's points, carved from
  unsigned char* local_workspace;     // fit_workspace_size(local_params(params), n_local, d)
  std::size_t reduce_count;           // doubles in each of:
  double* reduce;                     // what is summed over the ranks
  double* reduce_scratch;             // and ordered_sum()'s scratch
  float* point;                       // d: one point sent to every rank
  value_rank* maxloc_in;              // k
  value_rank* maxloc_out;             // k
  int* counts;                        // one per rank
  int* offsets;                       // one per rank
  double* rank_weights;               // one per rank
  std::uint64_t* rows;                // k: global rows drawn by random init
  // k-means|| only (else null / 0):
  std::size_t round_cap;              // candidates kept per round, at most
  std::size_t candidate_cap;          // 1 + rounds x round_cap
  float* closest;                     // n_local: squared distance to the nearest candidate
  float* candidates;                  // candidate_cap x d
  float* candidate_prepared;          // kernels::prepared_floats(candidate_cap, d)
  float* candidate_weights;           // candidate_cap
  float* send;                        // round_cap x d: this rank's picks of one round
  unsigned char* candidate_workspace;  // for tinykm::fit on the candidates
  std::size_t candidate_workspace_bytes;
};

// Whether the distributed fit seeds with k-means|| (mpi.hpp): for kmeans_plus_plus and for the
// default, automatic.
inline bool seeds_kmeans_parallel(init_method m) noexcept {
  return m == init_method::kmeans_plus_plus || m == init_method::automatic;
}

// The parameters of the local passes: fit()'s buffers without its initialisations.
fit_params local_params(const fit_params& params) noexcept;

// Bytes of workspace for this rank count and shape (SIZE_MAX on overflow), and the buffers
// carved from a workspace of at least that size.
std::size_t fit_scratch_mpi_bytes(int ranks, const fit_params& params, std::size_t n_local,
                                  std::size_t d, const parallel_init& init) noexcept;
fit_scratch_mpi carve_fit_scratch_mpi(int ranks, const fit_params& params, std::size_t n_local,
                                      std::size_t d, const parallel_init& init,
                                      void* workspace) noexcept;

}  // namespace tinykm::mpi::detail
