// The collectives tinykm::mpi builds on: status agreement and sums in a fixed order.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "tinykm/status.hpp"

namespace tinykm::mpi::detail {

// Every rank's status -> one status on every rank: ok only if all are ok, else the largest code.
status agree(MPI_Comm comm, status local) noexcept;

// values (count doubles) <- their sum over the ranks, the same bits on every rank, bit-identical
// from run to run (which MPI_Allreduce does not promise). Every element is summed in ONE order
// that depends on the rank count only: the binomial tree in which rank r adds r + s's partial
// after its own, for s = 1, 2, 4, .. (so ((x0 + x1) + (x2 + x3)) + x4 at 5 ranks). Two
// schedules compute exactly that order; ordered_sum picks one by prefers_rabenseifner():
//  binomial_sum:     up the tree to rank 0, then MPI_Bcast: 2·log2 N messages of all count.
//  rabenseifner_sum: reduce-scatter by recursive halving (partner distance 1, 2, 4, .., so the
//                    pairs are the tree's), then allgather: 2·(N-1)/N·count per rank over the
//                    2·log2 N steps. Ranks beyond the largest power of two P (the tree's right
//                    subtree [P, N)) reduce among themselves up the binomial tree and hand their
//                    total to [0, P) segment by segment; they get the result back at the end.
// Each needs `count` doubles of scratch.
void ordered_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept;
void binomial_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept;
void rabenseifner_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept;

// Up the binomial tree over ranks [first, first + size) only (rank - first pairs as in the tree):
// the subtree's total ends at rank `first`, the others' values are partials.
void binomial_reduce(MPI_Comm comm, int rank, int first, int size, double* values,
                     std::size_t count, double* scratch) noexcept;

// ordered_sum's choice, from count and the rank count only (so every rank picks the same): the
// Rabenseifner schedule from rabenseifner_min_count doubles on (below, its bookkeeping costs more
// than it saves: docs/scaling.md), and only where the cost model of docs/scaling.md, with the
// latency worth model_latency_bytes of transfer, says it moves less than the binomial tree (at
// a rank count just above a power of two P, rank P's P segment messages can cost more).
constexpr std::size_t rabenseifner_min_count = 1024;
constexpr double model_latency_bytes = 20000.0;  // alpha x B: 2 us x 10 GB/s
bool prefers_rabenseifner(std::size_t count, int ranks) noexcept;

// Sum of one integer over the ranks, and the sum over the ranks before this one.
struct rank_total {
  std::uint64_t before;
  std::uint64_t total;
};
rank_total scan_count(MPI_Comm comm, std::uint64_t local) noexcept;

// The index of the first of the N values in which the ranks differ, or N when every rank passed
// the same values: one MPI_Allreduce (MPI_MAX over the values and their complements, so each
// rank sees the largest and the smallest), the same answer on every rank.
template <std::size_t N>
std::size_t first_difference(MPI_Comm comm, const std::uint64_t (&values)[N]) noexcept {
  std::uint64_t mine[2 * N], most[2 * N];
  for (std::size_t i = 0; i < N; ++i) {
    mine[i] = values[i];
    mine[N + i] = ~values[i];
  }
  MPI_Allreduce(mine, most, static_cast<int>(2 * N), MPI_UINT64_T, MPI_MAX, comm);
  for (std::size_t i = 0; i < N; ++i)
    if (most[i] != ~most[N + i]) return i;  // largest != smallest
  return N;
}

// MPI counts are int: true when count fits.
inline bool fits_int(std::size_t count) noexcept { return count <= 0x7fffffffu; }

}  // namespace tinykm::mpi::detail
