// mpi::merge_streams: a fleet of streams (one per rank, same k, d and reservoir) becomes one.
// Rank 0 gathers every rank's clusters and counters, merges them as stream_merge merges two
// streams (stream_pool.hpp: weighted Lloyd on all live centres from the busiest stream's, then
// pooled statistics), and broadcasts the merged state's bytes, so every rank ends with the same
// state, bit for bit.
#include <cstring>
#include <iterator>

#include "carver.hpp"
#include "collectives.hpp"
#include "stream_layout.hpp"
#include "stream_pool.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/mpi.hpp"
#include "validate.hpp"

namespace tinykm::mpi {

namespace {

struct fleet_buffers {
  float* start;              // k x d: the centres the merge starts from
  float* centres;            // ranks x k x d, gathered; then the live ones, compacted
  float* statistics;         // ranks x 3k: weights, dist_mean, dist_square of each rank
  float* weights;            // ranks x k, compacted
  float* dist_mean;          // ranks x k, compacted
  float* dist_square;        // ranks x k, compacted
  std::uint64_t* counters;   // ranks x 4: samples, anomalies, reseeds, batches
  double* drift;             // ranks: inertia_ewma
  unsigned char* workspace;  // fit() on up to ranks x k centres
  std::size_t workspace_bytes;
};

fit_params merge_fit_params(std::size_t k) noexcept {
  fit_params p;
  p.k = k;
  p.init = init_method::user;
  p.algorithm = lloyd_algorithm::lloyd;  // a fit of ranks x k centres: no bound buffers
  return p;
}

// fit()'s workspace for the ranks x k centres.
std::size_t fit_bytes(std::size_t ranks, std::size_t k, std::size_t d) noexcept {
  return fit_workspace_size(merge_fit_params(k), tinykm::detail::mul_sat(ranks, k), d);
}

// Every buffer, in order (tinykm/layout.hpp).
template <typename Cut>
void lay_out(Cut& cut, fleet_buffers& b, std::size_t ranks, std::size_t k, std::size_t d) noexcept {
  using tinykm::detail::mul_sat;
  const std::size_t kd = mul_sat(k, d), nk = mul_sat(ranks, k);
  cut(b.start, kd);
  cut(b.centres, mul_sat(ranks, kd));
  cut(b.statistics, mul_sat(3, nk));
  cut(b.weights, nk);
  cut(b.dist_mean, nk);
  cut(b.dist_square, nk);
  cut(b.counters, mul_sat(ranks, 4));
  cut(b.drift, ranks);
  cut(b.workspace, fit_bytes(ranks, k, d));
}

// This rank's stream, checked: the status every rank will agree on.
status check_local(MPI_Comm comm, const stream_state& state, void* workspace,
                   std::size_t workspace_bytes) noexcept {
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(state);
  if (v.header == nullptr) return status::invalid_argument;
  if (v.header->ready == 0) return status::not_ready;
  if (workspace == nullptr) return status::invalid_argument;
  const std::size_t needed = merge_streams_workspace_size(comm, v.header->k, v.header->d);
  if (workspace_bytes < needed) return status::workspace_too_small;
  if (tinykm::detail::ranges_overlap(workspace, needed, state.memory, state.bytes))
    return status::invalid_argument;
  if (!detail::fits_int(v.header->at.scratch) ||
      !detail::fits_int(v.header->k * v.header->d * 3))
    return status::capacity_exceeded;  // MPI counts are int
  return status::ok;
}

// The same k, d and reservoir on every rank (one collective, the same answer everywhere).
status check_shapes(MPI_Comm comm, const tinykm::detail::stream_header& h) noexcept {
  const std::uint64_t shape[] = {h.d, h.k, h.reservoir};
  const std::size_t differs = detail::first_difference(comm, shape);
  if (differs == 0) return status::dimension_mismatch;
  return differs == std::size(shape) ? status::ok : status::invalid_argument;
}

// Rank 0: the merged state, written over its own stream.
status merge_on_root(int ranks, const tinykm::detail::stream_view& v, fleet_buffers& b) noexcept {
  tinykm::detail::stream_header& h = *v.header;
  const tinykm::detail::stream_arrays& o = v.arrays;
  const std::size_t k = h.k, d = h.d;
  std::size_t busiest = 0;  // most samples, ties to the lowest rank
  for (std::size_t r = 1; r < static_cast<std::size_t>(ranks); ++r)
    if (b.counters[4 * r] > b.counters[4 * busiest]) busiest = r;
  // Its centres start the Lloyd; copied out of the way of the compaction below (and not into
  // the stream, which stays as it was if the merge fails).
  std::memcpy(b.start, b.centres + busiest * k * d, k * d * sizeof(float));

  tinykm::detail::merge_inputs m{b.centres, b.weights, b.dist_mean, b.dist_square, 0,
                                 b.workspace, b.workspace_bytes};
  for (std::size_t r = 0; r < static_cast<std::size_t>(ranks); ++r)
    for (std::size_t c = 0; c < k; ++c) {
      const float* stats = b.statistics + r * 3 * k;
      if (!(stats[c] > 0.0f)) continue;  // never had weight: nothing to merge
      std::memmove(m.centres + m.count * d, b.centres + (r * k + c) * d, d * sizeof(float));
      m.weights[m.count] = stats[c];
      m.dist_mean[m.count] = stats[k + c];
      m.dist_square[m.count] = stats[2 * k + c];
      ++m.count;
    }
  const status s = tinykm::detail::merge_centres(m, b.start, h.params.seed, k, d, o.centroids);
  if (s != status::ok) return s;
  tinykm::detail::pool_statistics(m, h, o, k, d);

  stream_counters total{};
  double drift_weighted = 0.0;
  double samples = 0.0;  // the drift's weights, in double: the counter stops at 2^64 - 1
  for (std::size_t r = 0; r < static_cast<std::size_t>(ranks); ++r) {
    total.samples = tinykm::detail::add_counts(total.samples, b.counters[4 * r]);
    total.anomalies = tinykm::detail::add_counts(total.anomalies, b.counters[4 * r + 1]);
    total.reseeds = tinykm::detail::add_counts(total.reseeds, b.counters[4 * r + 2]);
    total.batches = tinykm::detail::add_counts(total.batches, b.counters[4 * r + 3]);
    drift_weighted += static_cast<double>(b.counters[4 * r]) * b.drift[r];
    samples += static_cast<double>(b.counters[4 * r]);
  }
  total.inertia_ewma =
      samples == 0.0 ? 0.0f : static_cast<float>(drift_weighted / samples);
  h.counters = total;
  return status::ok;
}

}  // namespace

std::size_t merge_streams_workspace_size(MPI_Comm comm, std::size_t k, std::size_t d) noexcept {
  if (comm == MPI_COMM_NULL) return static_cast<std::size_t>(-1);  // no workspace will do
  int ranks = 1;
  MPI_Comm_size(comm, &ranks);
  return tinykm::detail::workspace_bytes<fleet_buffers>(static_cast<std::size_t>(ranks), k, d);
}

status merge_streams(MPI_Comm comm, const stream_state& state, void* workspace,
                     std::size_t workspace_bytes) noexcept {
  if (comm == MPI_COMM_NULL) return status::invalid_argument;  // MPI would abort on it
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(state);
  status s = detail::agree(comm, check_local(comm, state, workspace, workspace_bytes));
  if (s != status::ok) return s;
  s = detail::agree(comm, check_shapes(comm, *v.header));
  if (s != status::ok) return s;

  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  tinykm::detail::stream_header& h = *v.header;
  const tinykm::detail::stream_arrays& a = v.arrays;
  const std::size_t k = h.k, d = h.d;
  const auto n = static_cast<std::size_t>(ranks);
  fleet_buffers b =
      tinykm::detail::carve<fleet_buffers>(tinykm::detail::align64(workspace), n, k, d);
  b.workspace_bytes = fit_bytes(n, k, d);

  // This rank's clusters and counters, gathered on rank 0 in rank order. The statistics travel
  // through the workspace so the gather never reads the stream's arrays as one block.
  float* mine = b.weights;  // 3k floats of room, before rank 0 compacts into it
  std::memcpy(mine, a.weights, k * sizeof(float));
  std::memcpy(mine + k, a.dist_mean, k * sizeof(float));
  std::memcpy(mine + 2 * k, a.dist_square, k * sizeof(float));
  const std::uint64_t counters[4] = {h.counters.samples, h.counters.anomalies, h.counters.reseeds,
                                     h.counters.batches};
  const double drift = static_cast<double>(h.counters.inertia_ewma);
  const int kd = static_cast<int>(k * d), k3 = static_cast<int>(3 * k);
  MPI_Gather(a.centroids, kd, MPI_FLOAT, b.centres, kd, MPI_FLOAT, 0, comm);
  MPI_Gather(mine, k3, MPI_FLOAT, b.statistics, k3, MPI_FLOAT, 0, comm);
  MPI_Gather(counters, 4, MPI_UINT64_T, b.counters, 4, MPI_UINT64_T, 0, comm);
  MPI_Gather(&drift, 1, MPI_DOUBLE, b.drift, 1, MPI_DOUBLE, 0, comm);

  int merged = 0;
  if (rank == 0) merged = static_cast<int>(merge_on_root(ranks, v, b));
  MPI_Bcast(&merged, 1, MPI_INT, 0, comm);
  if (merged != 0) return static_cast<status>(merged);
  // Header, centres, lanes, statistics and reservoir: everything before the scratch.
  MPI_Bcast(state.memory, static_cast<int>(h.at.scratch), MPI_BYTE, 0, comm);
  return status::ok;
}

}  // namespace tinykm::mpi
