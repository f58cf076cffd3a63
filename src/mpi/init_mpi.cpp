// Distributed initialisations: k-means||, random global rows, rank 0's user centroids.
#include <cstring>
#include <limits>

#include "init.hpp"
#include "collectives.hpp"
#include "shard.hpp"
#include "random.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm::mpi::detail {

namespace {

using tinykm::detail::row_uniform;
using tinykm::detail::weight_of;

// Global rows of the single-process random init (init.cpp: Floyd's algorithm), then each centre
// from the rank that holds its row. Ranks that do not hold a row put -inf there and MPI_MAX
// picks the row's value exactly, whatever order MPI combines in.
void init_random_rows(const shard& sh, std::size_t k, std::uint64_t seed,
                      fit_scratch_mpi& s) noexcept {
  tinykm::detail::rng gen(seed);
  std::size_t count = 0;
  for (std::uint64_t j = sh.n_global - k; j < sh.n_global; ++j) {
    const std::uint64_t t = gen.below(j + 1);
    bool taken = false;
    for (std::size_t c = 0; c < count; ++c) taken |= s.rows[c] == t;
    s.rows[count++] = taken ? j : t;
  }
  const std::size_t d = sh.data.d;
  float* centres = s.local.centroids;
  for (std::size_t c = 0; c < k; ++c) {
    const bool mine = s.rows[c] >= sh.offset && s.rows[c] - sh.offset < sh.data.n;
    for (std::size_t j = 0; j < d; ++j)
      centres[c * d + j] = mine ? sh.data.points[(s.rows[c] - sh.offset) * d + j]
                                : -std::numeric_limits<float>::infinity();
  }
  MPI_Allreduce(MPI_IN_PLACE, centres, static_cast<int>(k * d), MPI_FLOAT, MPI_MAX, sh.comm);
}

// The first k-means|| candidate: one point drawn with probability proportional to its weight
// among all ranks' points. Every rank finds the owner from the gathered per-rank weights.
void first_candidate(const shard& sh, tinykm::detail::rng& gen, fit_scratch_mpi& s) noexcept {
  double local = 0.0;
  for (std::size_t i = 0; i < sh.data.n; ++i) local += weight_of(sh.data, i);
  MPI_Allgather(&local, 1, MPI_DOUBLE, s.rank_weights, 1, MPI_DOUBLE, sh.comm);
  double total = 0.0;
  for (int r = 0; r < sh.ranks; ++r) total += s.rank_weights[r];
  const double target = gen.uniform() * total;
  int owner = -1;
  double before = 0.0, owner_before = 0.0;
  for (int r = 0; r < sh.ranks; ++r) {
    if (s.rank_weights[r] <= 0.0) continue;
    owner = r;  // the last rank with weight, unless an earlier one reaches the target
    owner_before = before;
    before += s.rank_weights[r];
    if (before > target) break;
  }
  if (sh.rank == owner) {
    const std::size_t i = tinykm::detail::draw_proportional(sh.data, nullptr, target - owner_before);
    std::memcpy(s.candidates, sh.data.points + i * sh.data.d, sh.data.d * sizeof(float));
  }
  MPI_Bcast(s.candidates, static_cast<int>(sh.data.d), MPI_FLOAT, owner, sh.comm);
}

// One oversampling round: every point is picked with probability min(1, ell w D^2 / phi); the
// first picks in global row order, up to the round's room, join the candidates on every rank.
// Returns the new candidate count.
std::size_t oversample(const shard& sh, std::uint64_t seed, std::uint32_t round, double ell,
                       double phi, std::size_t count, fit_scratch_mpi& s) noexcept {
  const std::size_t d = sh.data.d;
  auto picked = [&](std::size_t i) {
    const double p = ell * weight_of(sh.data, i) * static_cast<double>(s.closest[i]) / phi;
    return row_uniform(seed, round, sh.offset + i) < p;
  };
  int mine = 0;
  for (std::size_t i = 0; i < sh.data.n; ++i) mine += picked(i) ? 1 : 0;
  MPI_Allgather(&mine, 1, MPI_INT, s.counts, 1, MPI_INT, sh.comm);
  const std::size_t cap = s.candidate_cap - count < s.round_cap ? s.candidate_cap - count : s.round_cap;
  std::size_t kept = 0;
  for (int r = 0; r < sh.ranks; ++r) {  // counts/offsets in floats, for MPI_Allgatherv
    const auto wanted = static_cast<std::size_t>(s.counts[r]);
    const std::size_t keep = cap - kept < wanted ? cap - kept : wanted;
    s.counts[r] = static_cast<int>(keep * d);
    s.offsets[r] = static_cast<int>(kept * d);
    kept += keep;
  }
  const std::size_t my_keep = static_cast<std::size_t>(s.counts[sh.rank]) / d;
  std::size_t written = 0;
  for (std::size_t i = 0; i < sh.data.n && written < my_keep; ++i)
    if (picked(i)) std::memcpy(s.send + d * written++, sh.data.points + i * d, d * sizeof(float));
  MPI_Allgatherv(s.send, s.counts[sh.rank], MPI_FLOAT, s.candidates + count * d, s.counts,
                 s.offsets, MPI_FLOAT, sh.comm);
  for (std::size_t c = count; c < count + kept; ++c)
    sh.kt->min_distance(sh.data.points, sh.data.n, d, s.candidates + c * d, s.closest, s.closest);
  return count + kept;
}

// Weight of the points nearest each candidate, summed over the ranks, into s.reduce.
void weigh_candidates(const shard& sh, std::size_t count, fit_scratch_mpi& s) noexcept {
  const std::size_t d = sh.data.d;
  kernels::prepare_centroids(s.candidates, count, d, s.candidate_prepared);
  for (std::size_t c = 0; c < count; ++c) s.reduce[c] = 0.0;
  for (std::size_t start = 0; start < sh.data.n; start += block_points) {
    const std::size_t n = sh.data.n - start < block_points ? sh.data.n - start : block_points;
    sh.kt->assign(sh.data.points + start * d, n, d, s.candidates, s.candidate_prepared, count,
                  s.local.block_labels, s.local.block_dists);
    for (std::size_t i = 0; i < n; ++i)
      s.reduce[s.local.block_labels[i]] += weight_of(sh.data, start + i);
  }
  ordered_sum(sh.comm, s.reduce, count, s.reduce_scratch);
}

// k-means||: candidates drawn in rounds, weighted, then reduced to k by the single-process
// weighted k-means++ + Lloyd, run identically on every rank. False when fewer than k distinct
// candidates came up (e.g. fewer than k distinct points), for the caller to fall back on.
bool init_kmeans_parallel(const shard& sh, const fit_params& params, const parallel_init& init,
                          std::uint64_t seed, fit_scratch_mpi& s) noexcept {
  const std::size_t d = sh.data.d;
  tinykm::detail::rng gen(seed);
  first_candidate(sh, gen, s);
  for (std::size_t i = 0; i < sh.data.n; ++i) s.closest[i] = std::numeric_limits<float>::infinity();
  sh.kt->min_distance(sh.data.points, sh.data.n, d, s.candidates, s.closest, s.closest);
  std::size_t count = 1;
  const double ell = init.oversampling * static_cast<double>(params.k);
  for (std::uint32_t round = 0; round < init.rounds && count < s.candidate_cap; ++round) {
    s.reduce[0] = 0.0;
    for (std::size_t i = 0; i < sh.data.n; ++i)
      s.reduce[0] += weight_of(sh.data, i) * static_cast<double>(s.closest[i]);
    ordered_sum(sh.comm, s.reduce, 1, s.reduce_scratch);
    if (!(s.reduce[0] > 0.0)) break;  // every point sits on a candidate
    count = oversample(sh, seed, round, ell, s.reduce[0], count, s);
  }
  weigh_candidates(sh, count, s);
  std::size_t kept = 0;  // drop candidates that attract nothing (duplicates), keeping the order
  for (std::size_t c = 0; c < count; ++c) {
    if (!(s.reduce[c] > 0.0)) continue;
    std::memmove(s.candidates + kept * d, s.candidates + c * d, d * sizeof(float));
    s.candidate_weights[kept++] = static_cast<float>(s.reduce[c]);
  }
  if (kept < params.k) return false;
  fit_params local = params;
  local.init = init_method::kmeans_plus_plus;  // greedy k-means++ on the candidates
  local.n_init = 1;
  local.seed = gen.next();
  local.parallel = parallel_for{};
  model_view centres{s.local.centroids, params.k * d, 0, 0};
  return tinykm::fit(s.candidates, kept, d, s.candidate_weights, local, centres,
                     s.candidate_workspace, s.candidate_workspace_bytes) == status::ok;
}

}  // namespace

void init_centroids(const shard& sh, const fit_params& params, const parallel_init& init,
                    std::uint64_t seed, fit_scratch_mpi& s) noexcept {
  const std::size_t kd = params.k * sh.data.d;
  switch (params.init) {
    case init_method::automatic:  // k-means|| across ranks, as k-means++ is
    case init_method::kmeans_plus_plus:
      if (init_kmeans_parallel(sh, params, init, seed, s)) return;
      init_random_rows(sh, params.k, seed, s);  // too few distinct candidates
      return;
    case init_method::random: init_random_rows(sh, params.k, seed, s); return;
    case init_method::user:
      if (sh.rank == 0) std::memcpy(s.local.centroids, params.initial_centroids, kd * sizeof(float));
      MPI_Bcast(s.local.centroids, static_cast<int>(kd), MPI_FLOAT, 0, sh.comm);
      return;
    case init_method::farthest_point:  // both refused by mpi::fit before it gets here
    case init_method::kmeans_parallel: return;
  }
}

}  // namespace tinykm::mpi::detail
