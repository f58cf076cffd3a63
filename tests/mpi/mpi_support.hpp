// Small helpers of the MPI tests.
#pragma once

#include <mpi.h>

namespace tinykm_mpi_test {

inline int rank_of() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

inline int ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

}  // namespace tinykm_mpi_test
