// Empty-cluster repair of the distributed fit: the single-process rules (empty_cluster_steps.hpp)
// with "the farthest point" found over every rank's points. MPI_MAXLOC on (distance, rank) picks
// the largest distance and, on ties, the lowest rank, which holds the lowest global rows: the
// single-process tie rule (lowest index).
#include "collectives.hpp"
#include "empty_cluster_steps.hpp"
#include "shard.hpp"

namespace tinykm::mpi::detail {

namespace {

// Sends point i of rank `owner` (owner's index) into s.point on every rank.
void share_point(const shard& sh, int owner, std::size_t i, fit_scratch_mpi& s) noexcept {
  const std::size_t d = sh.data.d;
  if (sh.rank == owner)
    for (std::size_t j = 0; j < d; ++j) s.point[j] = sh.data.points[i * d + j];
  MPI_Bcast(s.point, static_cast<int>(d), MPI_FLOAT, owner, sh.comm);
}

// The global m farthest points, one MPI_MAXLOC per point: each rank offers its farthest point
// not yet taken (its own list is sorted), the winner's rank moves on; s.maxloc_out[m] records
// the m-th winner, whose point goes to the m-th empty cluster. Then every rank rebuilds its
// share of every cluster's sums with its taken points moved (local.group_sums), summed over
// the ranks.
void relocate_farthest(const shard& sh, std::size_t k, std::size_t empties, fit_scratch_mpi& s,
                       double* sums, double* weight_sums) noexcept {
  tinykm::detail::fit_scratch& local = s.local;
  const std::size_t d = sh.data.d;
  const std::size_t found = sh.data.n == 0 ? 0
                            : tinykm::detail::farthest_points(*sh.kt, sh.data, k, empties, local);
  std::size_t taken = 0, chosen = 0;  // this rank's points taken; points taken over all ranks
  for (std::size_t e = 0; e < k; ++e) {
    if (weight_sums[e] != 0.0) continue;
    value_rank offer{taken < found ? static_cast<double>(local.far_dist[taken]) : -1.0, sh.rank};
    value_rank best{};
    MPI_Allreduce(&offer, &best, 1, MPI_DOUBLE_INT, MPI_MAXLOC, sh.comm);
    if (best.value < 0.0) break;  // fewer points than empty clusters
    s.maxloc_out[chosen++] = best;
    if (sh.rank == best.rank) ++taken;
  }
  // This rank's j-th taken point is the m-th over all ranks: the j-th win of this rank.
  const auto target = [&](std::size_t j) {
    std::size_t m = 0;
    for (; m < chosen; ++m)
      if (s.maxloc_out[m].rank == sh.rank && j-- == 0) break;
    return tinykm::detail::nth_empty(weight_sums, k, m);
  };
  double* rebuilt = local.group_sums;
  tinykm::detail::sums_with_moves(*sh.kt, sh.data, k, taken, target, local, rebuilt);
  detail::ordered_sum(sh.comm, rebuilt, k * (d + 1), s.reduce_scratch);
  tinykm::detail::keep_rebuilt(rebuilt, k, d, sums, weight_sums);
}

// Each cluster's farthest member over all ranks (one MPI_MAXLOC over k pairs), then the
// single-process splits of the heaviest clusters.
void split_largest(const shard& sh, std::size_t k, fit_scratch_mpi& s, double* sums,
                   double* weight_sums) noexcept {
  tinykm::detail::fit_scratch& local = s.local;
  if (sh.data.n == 0) {
    for (std::size_t c = 0; c < k; ++c) local.far_dist[c] = -1.0f;
  } else {
    tinykm::detail::farthest_member(*sh.kt, sh.data, k, local);
  }
  for (std::size_t c = 0; c < k; ++c)
    s.maxloc_in[c] = value_rank{static_cast<double>(local.far_dist[c]), sh.rank};
  MPI_Allreduce(s.maxloc_in, s.maxloc_out, static_cast<int>(k), MPI_DOUBLE_INT, MPI_MAXLOC,
                sh.comm);
  double* far = s.reduce_scratch;  // each cluster's farthest distance; -1 once split
  for (std::size_t c = 0; c < k; ++c) far[c] = s.maxloc_out[c].value;
  for (std::size_t e = 0; e < k; ++e) {
    if (weight_sums[e] != 0.0) continue;
    const std::size_t heavy = tinykm::detail::heaviest_splittable(k, far, weight_sums);
    if (heavy == k) return;
    far[heavy] = -1.0;
    const int owner = s.maxloc_out[heavy].rank;
    share_point(sh, owner, sh.rank == owner ? local.far_index[heavy] : 0, s);
    tinykm::detail::split_cluster(heavy, e, s.point, sh.data.d, sums, weight_sums);
  }
}

}  // namespace

void repair_empty_clusters(const shard& sh, std::size_t k, std::size_t empties,
                           empty_cluster_policy policy, fit_scratch_mpi& s, double* sums,
                           double* weight_sums) noexcept {
  switch (policy) {
    case empty_cluster_policy::keep: break;
    case empty_cluster_policy::relocate_farthest:
      relocate_farthest(sh, k, empties, s, sums, weight_sums);
      break;
    case empty_cluster_policy::split_largest: split_largest(sh, k, s, sums, weight_sums); break;
  }
}

}  // namespace tinykm::mpi::detail
