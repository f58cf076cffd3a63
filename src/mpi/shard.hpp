// One rank's view of a distributed fit: its points, where they sit among all ranks' points, and
// the helpers every distributed step shares.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "lloyd.hpp"
#include "scratch_mpi.hpp"

namespace tinykm::mpi::detail {

struct shard {
  MPI_Comm comm;
  int rank;
  int ranks;
  const kernels::kernel_table* kt;
  tinykm::detail::dataset data;  // this rank's points
  std::uint64_t offset;          // global row of its first point (rows numbered rank by rank)
  std::uint64_t n_global;
};

// The initial centres of one restart into s.local.centroids, the same on every rank.
// k-means|| (params.init kmeans_plus_plus), random global rows, or rank 0's user centroids.
void init_centroids(const shard& sh, const fit_params& params, const parallel_init& init,
                    std::uint64_t seed, fit_scratch_mpi& s) noexcept;

// Repairs empty clusters of one distributed Lloyd iteration as the single-process fit does, on
// the reduced sums/weight_sums (s.local.centroids and s.local.prepared hold the centres that
// were assigned to). Collective: every rank sees the same empties and makes the same edits.
void repair_empty_clusters(const shard& sh, std::size_t k, std::size_t empties,
                           empty_cluster_policy policy, fit_scratch_mpi& s, double* sums,
                           double* weight_sums) noexcept;

}  // namespace tinykm::mpi::detail
