// Scale-out on MPI (optional target tinykm::mpi; the core library never depends on it).
//
// Every rank of a communicator holds its own shard of the points in its own memory, of any size,
// an empty shard included. Each call below is collective: every rank of `comm` calls it with the
// same params and k, d, and every rank returns the same status and, on ok, the same model, bit
// for bit. A bad input on any one rank (NaN, short workspace, k above the global n ...) makes every
// rank return that status: the ranks agree on it with one collective before any step whose
// participants could diverge, so a job never hangs, and the library never calls MPI_Abort.
// Shapes that differ between ranks are bad input too: another d gives dimension_mismatch, another
// k or parameter that steers the collectives invalid_argument, on every rank. MPI_COMM_NULL gives
// invalid_argument (and SIZE_MAX from the workspace sizes) rather than MPI's fatal error.
//
// Determinism: for a given rank count and seed, results are bit-identical from run to run
// (sums are reduced in a fixed binomial-tree order, not by MPI_Allreduce, whose order MPI does
// not promise). On integer-valued data (sums exact in float64) the centroids equal the
// single-process fit()'s for any rank count, with random or user init.
//
// Memory: no call allocates; the caller's workspace holds everything (mpi::fit_workspace_size).
// MPI itself may allocate inside its own calls.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "tinykm/model.hpp"
#include "tinykm/params.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream.hpp"

namespace tinykm::mpi {

// k-means|| (Bahmani et al., VLDB 2012; Spark MLlib's default) for init_method::kmeans_plus_plus:
// `rounds` passes each draw about oversampling x k candidates with probability proportional to
// w x D^2; every rank gathers them, weights each by the weight of the points it attracts, and
// runs the single-process weighted k-means++ + Lloyd on them, identically.
struct parallel_init {
  std::uint32_t rounds = 5;   // >= 1
  double oversampling = 2.0;  // > 0: expected candidates per round / k
};

// Bytes of workspace this rank needs for n_local points of d features (depends on the rank
// count of comm). SIZE_MAX on overflow.
std::size_t fit_workspace_size(MPI_Comm comm, const fit_params& params, std::size_t n_local,
                               std::size_t d, const parallel_init& init = {}) noexcept;

// Distributed batch k-means over the union of every rank's points (n_local x d here, weights may
// be null). params as for tinykm::fit(), with init kmeans_plus_plus (and automatic, the default)
// meaning k-means||, random drawing the same global rows the single-process fit draws for that
// seed (rows numbered rank by rank), and user taking rank 0's initial_centroids. farthest_point
// and kmeans_parallel (kmeans_plus_plus is k-means|| here) return not_available.
// params.parallel, when set, runs this rank's share on the caller's threads. Sizes and overlaps
// follow fit()'s rules (kmeans.hpp) on each rank's buffers, the workspace being its first
// mpi::fit_workspace_size() bytes.
status fit(MPI_Comm comm, const float* points, std::size_t n_local, std::size_t d,
           const float* weights, const fit_params& params, model_view& model, void* workspace,
           std::size_t workspace_bytes, fit_result* result = nullptr,
           const parallel_init& init = {}) noexcept;

// Bytes of workspace merge_streams needs on every rank for streams of k clusters and d features
// (depends on the rank count of comm). SIZE_MAX on overflow.
std::size_t merge_streams_workspace_size(MPI_Comm comm, std::size_t k, std::size_t d) noexcept;

// A fleet merge: every rank's ready stream (the same k, d and reservoir on every rank) becomes the
// merge of all of them, on every rank, bit for bit. The merge is stream_merge's, over all ranks'
// clusters at once: weighted Lloyd on the centres of every cluster with weight, starting from
// the centres of the stream that saw the most samples (ties: the lowest rank); weights, distance
// statistics and counters add up (radii pooled conservatively). Every rank ends with rank 0's
// params. A stream that is not ready (not_ready), of another shape (dimension_mismatch /
// invalid_argument) or a short workspace on any rank gives every rank that status, with every
// stream unchanged; so does a workspace (its first merge_streams_workspace_size() bytes) that
// overlaps the stream's memory (invalid_argument).
status merge_streams(MPI_Comm comm, const stream_state& state, void* workspace,
                     std::size_t workspace_bytes) noexcept;

}  // namespace tinykm::mpi
