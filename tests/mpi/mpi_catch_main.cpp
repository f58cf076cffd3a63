// The Catch2 main of the MPI tests: MPI_Init, every test case on every rank, MPI_Finalize, and a
// failure on any rank fails every rank. Built without tinykm's warning flags, like catch_main.cpp
// (Catch2's own implementation trips gcc's -Wmaybe-uninitialized under the sanitizers).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <mpi.h>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  const int failed = Catch::Session().run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return any;
}
