// How mpi::fit carves the caller's workspace. One layout function serves sizing and carving.
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
  tinykm::detail::fit_scratch local;  // fit()'s buffers for this rank's points
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
  void* candidate_workspace;          // for tinykm::fit on the candidates
  std::size_t candidate_workspace_bytes;
};

// The parameters of the local passes: fit()'s buffers without its initialisations.
fit_params local_params(const fit_params& params) noexcept;

// Lays the buffers out from `base` (nullptr: only measures; see carver). Returns the bytes used
// in *bytes (SIZE_MAX on overflow).
fit_scratch_mpi lay_out_fit(int ranks, const fit_params& params, std::size_t n_local,
                            std::size_t d, const parallel_init& init, void* base,
                            std::size_t* bytes) noexcept;

}  // namespace tinykm::mpi::detail
