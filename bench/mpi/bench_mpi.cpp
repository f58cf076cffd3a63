// Time per distributed Lloyd iteration, split into the local fused assign + accumulate and the
// reduction of k x (d + 1) + 1 doubles (mpi/collectives.hpp: both schedules of the fixed-order
// sum, binomial and Rabenseifner, alternating), as mpi::fit runs them (with a barrier between the
// two here, so waiting for a slower rank is not counted as reduction). Run under mpiexec: strong
// scaling (the shape's n split over the ranks) and weak scaling (the shape's n on every rank),
// then the two schedules alone over message sizes (for the model's alpha and B, docs/scaling.md).
// Prints medians over the iterations of the slowest rank.
//   mpiexec -n 2 bench/mpi/tinykm_bench_mpi [iterations] [sweep]   ("sweep": the sizes only)
// bench/mpi/fit_model.py fits the model's constants to this output.
#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

// bench/compare's bandwidth kernel, written for that folder's laxer warning set.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "../compare/read_bandwidth.hpp"
#pragma GCC diagnostic pop
#include "../shapes.hpp"
#include "kernels.hpp"
#include "assign_pass.hpp"
#include "lloyd.hpp"
#include "collectives.hpp"
#include "tinykm/backend.hpp"
#include "tinykm/kmeans.hpp"
#include "workspace.hpp"

namespace {

using tinykm_bench::shape;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Largest value over the ranks (the slowest rank sets the pace of a collective iteration).
double slowest(double seconds) {
  double out = 0.0;
  MPI_Allreduce(&seconds, &out, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return out;
}

// Seconds of one fixed-order sum of `values` on the slowest rank, started together.
using sum_fn = void (*)(MPI_Comm, double*, std::size_t, double*) noexcept;
double timed(sum_fn sum, std::vector<double>& values, std::vector<double>& spare) {
  MPI_Barrier(MPI_COMM_WORLD);  // so the reduction's time is its own, not a slower rank's
  const double t0 = MPI_Wtime();
  sum(MPI_COMM_WORLD, values.data(), values.size(), spare.data());
  return slowest(MPI_Wtime() - t0);
}

// Both schedules on `values`, first one then the other alternately (the first after a long
// compute pays more on this shared machine); iteration 0 is a warm-up.
void both(int it, std::vector<double>& values, std::vector<double>& spare,
          std::vector<double>& binomial_s, std::vector<double>& rabenseifner_s) {
  double b = 0.0, r = 0.0;
  if (it % 2 == 0) {
    b = timed(tinykm::mpi::detail::binomial_sum, values, spare);
    r = timed(tinykm::mpi::detail::rabenseifner_sum, values, spare);
  } else {
    r = timed(tinykm::mpi::detail::rabenseifner_sum, values, spare);
    b = timed(tinykm::mpi::detail::binomial_sum, values, spare);
  }
  if (it == 0) return;
  binomial_s.push_back(b);
  rabenseifner_s.push_back(r);
}

void run(const shape& s, std::size_t n_local, const char* scaling, int iterations) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  std::mt19937 gen(static_cast<unsigned>(rank) + 1);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> points(n_local * s.d);
  for (float& x : points) x = noise(gen);
  // The memory side of the compute term: this rank's read bandwidth over its own points.
  const double read_gbs = compare::read_bandwidth_gbs(points.data(), points.size());
  std::vector<float> centroids(points.begin(), points.begin() + static_cast<long>(s.k * s.d));
  MPI_Bcast(centroids.data(), static_cast<int>(centroids.size()), MPI_FLOAT, 0, MPI_COMM_WORLD);

  tinykm::fit_params p;
  p.k = s.k;
  p.init = tinykm::init_method::user;
  std::vector<unsigned char> ws(tinykm::detail::fit_scratch_bytes(p, n_local, s.d));
  tinykm::detail::fit_scratch scratch = tinykm::detail::carve_fit_scratch(p, n_local, s.d, ws.data());
  const tinykm::detail::dataset data{points.data(), n_local, s.d, nullptr, nullptr};
  const std::size_t count = s.k * (s.d + 1) + 1;
  std::vector<double> reduce(count), spare(count);
  std::vector<double> compute_s, binomial_s, rabenseifner_s;
  for (int it = 0; it < iterations + 1; ++it) {
    const double t0 = MPI_Wtime();
    reduce[count - 1] = tinykm::detail::assign_pass(tinykm::kernels::active(), data,
                                                    centroids.data(), s.k, scratch, reduce.data(),
                                                    reduce.data() + s.k * s.d);
    const double t1 = MPI_Wtime();
    both(it, reduce, spare, binomial_s, rabenseifner_s);
    if (it != 0) compute_s.push_back(slowest(t1 - t0));
  }
  if (rank == 0) {
    const double c = median(compute_s) * 1e3, b = median(binomial_s) * 1e3;
    const double r = median(rabenseifner_s) * 1e3;
    std::printf("%-12s %-6s np=%d  rows/rank=%7zu  read %5.1f GB/s  compute %8.3f ms  reduce "
                "binomial %7.3f ms  rabenseifner %7.3f ms  %zu bytes\n",
                s.name, scaling, ranks, n_local, read_gbs, c, b, r, count * sizeof(double));
  }
}

// The two schedules alone over message sizes: medians of the slowest rank, alternating.
void sweep(int repetitions) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const std::size_t counts[] = {1, 16, 128, 512, 1024, 2048, 8192, 32768, 66049, 262144};
  for (const std::size_t count : counts) {
    std::vector<double> values(count, 1.0), spare(count);
    std::vector<double> binomial_s, rabenseifner_s;
    for (int it = 0; it < repetitions + 1; ++it) both(it, values, spare, binomial_s, rabenseifner_s);
    if (rank == 0)
      std::printf("sweep %8zu bytes  binomial %9.2f us  rabenseifner %9.2f us\n",
                  count * sizeof(double), median(binomial_s) * 1e6, median(rabenseifner_s) * 1e6);
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 15;
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (rank == 0)
    std::printf("backend %s, %d ranks, %d iterations\n", tinykm::backend_name(), ranks, iterations);
  const bool sweep_only = argc > 2 && std::strcmp(argv[2], "sweep") == 0;
  for (const shape& s : tinykm_bench::reference_shapes) {
    if (sweep_only) break;
    const auto r = static_cast<std::size_t>(rank), np = static_cast<std::size_t>(ranks);
    run(s, s.n * (r + 1) / np - s.n * r / np, "strong", iterations);
    run(s, s.n / 2, "weak", iterations);
  }
  sweep(10 * iterations);
  MPI_Finalize();
  return 0;
}
