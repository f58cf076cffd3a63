// The collectives tinykm::mpi builds on: status agreement and sums in a fixed order.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdint>

#include "tinykm/status.hpp"

namespace tinykm::mpi::detail {

// Every rank's status -> one status on every rank: ok only if all are ok, else the largest code.
status agree(MPI_Comm comm, status local) noexcept;

// values (count doubles) <- their sum over the ranks, the same bits on every rank. The sum runs
// up a binomial tree whose pairing depends on the rank count only (rank r adds r + s's partial
// after its own, for s = 1, 2, 4, ..), then rank 0's total is broadcast: bit-identical from run to
// run, which MPI_Allreduce does not promise. Needs `count` doubles of scratch.
void ordered_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept;

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
