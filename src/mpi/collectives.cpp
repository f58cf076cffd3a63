#include "collectives.hpp"

namespace tinykm::mpi::detail {

status agree(MPI_Comm comm, status local) noexcept {
  const int mine = static_cast<int>(local);
  int worst = 0;
  MPI_Allreduce(&mine, &worst, 1, MPI_INT, MPI_MAX, comm);
  return static_cast<status>(worst);
}

void binomial_reduce(MPI_Comm comm, int rank, int first, int size, double* values,
                     std::size_t count, double* scratch) noexcept {
  const int me = rank - first, n = static_cast<int>(count);
  for (int step = 1; step < size; step *= 2) {
    if (me % (2 * step) == step) {  // hand this subtree's partial to its parent, then wait
      MPI_Send(values, n, MPI_DOUBLE, rank - step, 0, comm);
      return;
    }
    if (me % (2 * step) == 0 && me + step < size) {
      MPI_Recv(scratch, n, MPI_DOUBLE, rank + step, 0, comm, MPI_STATUS_IGNORE);
      for (std::size_t i = 0; i < count; ++i) values[i] += scratch[i];
    }
  }
}

void binomial_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  binomial_reduce(comm, rank, 0, size, values, count, scratch);
  MPI_Bcast(values, static_cast<int>(count), MPI_DOUBLE, 0, comm);
}

void ordered_sum(MPI_Comm comm, double* values, std::size_t count, double* scratch) noexcept {
  int size = 1;
  MPI_Comm_size(comm, &size);
  if (prefers_rabenseifner(count, size))
    rabenseifner_sum(comm, values, count, scratch);
  else
    binomial_sum(comm, values, count, scratch);
}

rank_total scan_count(MPI_Comm comm, std::uint64_t local) noexcept {
  rank_total out{0, 0};
  MPI_Exscan(&local, &out.before, 1, MPI_UINT64_T, MPI_SUM, comm);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0) out.before = 0;  // MPI_Exscan leaves rank 0's result undefined
  MPI_Allreduce(&local, &out.total, 1, MPI_UINT64_T, MPI_SUM, comm);
  return out;
}

}  // namespace tinykm::mpi::detail
