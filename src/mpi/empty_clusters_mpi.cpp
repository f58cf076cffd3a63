// Empty-cluster repair of the distributed fit: the single-process rules (empty_cluster_steps.hpp)
// with "the farthest point" found over every rank's points. MPI_MAXLOC on (distance, rank) picks
// the largest distance and, on ties, the lowest rank, which holds the lowest global rows: the
// single-process tie rule (lowest index).
#include "empty_cluster_steps.hpp"
#include "shard.hpp"

namespace tinykm::mpi::detail {

namespace {

using tinykm::detail::weight_of;

// Sends point i of rank `owner` (owner's index) into s.point on every rank.
void share_point(const shard& sh, int owner, std::size_t i, fit_scratch_mpi& s) noexcept {
  const std::size_t d = sh.data.d;
  if (sh.rank == owner)
    for (std::size_t j = 0; j < d; ++j) s.point[j] = sh.data.points[i * d + j];
  MPI_Bcast(s.point, static_cast<int>(d), MPI_FLOAT, owner, sh.comm);
}

// The global m farthest points, one MPI_MAXLOC per point: each rank offers its farthest point
// not yet taken (its own list is sorted), the winner's rank moves on.
void relocate_farthest(const shard& sh, std::size_t k, std::size_t empties, fit_scratch_mpi& s,
                       double* sums, double* weight_sums) noexcept {
  tinykm::detail::fit_scratch& local = s.local;
  const std::size_t found = sh.data.n == 0 ? 0
                            : tinykm::detail::farthest_points(*sh.kt, sh.data, k, empties, local);
  std::size_t next = 0;  // this rank's first point not yet taken
  for (std::size_t e = 0; e < k; ++e) {
    if (weight_sums[e] != 0.0) continue;
    value_rank offer{next < found ? static_cast<double>(local.far_dist[next]) : -1.0, sh.rank};
    value_rank best{};
    MPI_Allreduce(&offer, &best, 1, MPI_DOUBLE_INT, MPI_MAXLOC, sh.comm);
    if (best.value < 0.0) return;  // fewer points than empty clusters
    double moved[2] = {0.0, 0.0};  // the point's weight and its cluster before the move
    std::size_t i = 0;
    if (sh.rank == best.rank) {
      i = local.far_index[next++];
      std::int32_t label = 0;
      float unused = 0.0f;
      sh.kt->assign(sh.data.points + i * sh.data.d, 1, sh.data.d, local.centroids,
                    local.prepared, k, &label, &unused);
      moved[0] = weight_of(sh.data, i);
      moved[1] = static_cast<double>(label);
    }
    share_point(sh, best.rank, i, s);
    MPI_Bcast(moved, 2, MPI_DOUBLE, best.rank, sh.comm);
    tinykm::detail::relocate_point(s.point, moved[0], static_cast<std::size_t>(moved[1]), e,
                                   sh.data.d, sums, weight_sums);
  }
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
