// Time per distributed Lloyd iteration, split into the local fused assign + accumulate and the
// reduction of k x (d + 1) + 1 doubles (mpi/collectives.hpp: ordered_sum), as mpi::fit runs them
// (with a barrier between the two here, so waiting for a slower rank is not counted as reduction).
// Run under mpiexec: strong scaling (the shape's n split over the ranks) and weak scaling (the
// shape's n on every rank). Prints medians over the iterations of the slowest rank.
//   mpiexec -n 2 bench/mpi/tinykm_bench_mpi [iterations]
#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "kernels.hpp"
#include "assign_pass.hpp"
#include "lloyd.hpp"
#include "collectives.hpp"
#include "tinykm/backend.hpp"
#include "tinykm/kmeans.hpp"
#include "workspace.hpp"

namespace {

struct shape {
  const char* name;
  std::size_t n, d, k;
};

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

void run(const shape& s, std::size_t n_local, const char* scaling, int iterations) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  std::mt19937 gen(static_cast<unsigned>(rank) + 1);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> points(n_local * s.d);
  for (float& x : points) x = noise(gen);
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
  std::vector<double> compute_s, reduce_s;
  for (int it = 0; it < iterations + 1; ++it) {
    const double t0 = MPI_Wtime();
    reduce[count - 1] = tinykm::detail::assign_pass(tinykm::kernels::active(), data,
                                                    centroids.data(), s.k, scratch, reduce.data(),
                                                    reduce.data() + s.k * s.d);
    const double t1 = MPI_Wtime();
    MPI_Barrier(MPI_COMM_WORLD);  // so the reduction's time is its own, not a slower rank's
    const double t2 = MPI_Wtime();
    tinykm::mpi::detail::ordered_sum(MPI_COMM_WORLD, reduce.data(), count, spare.data());
    const double t3 = MPI_Wtime();
    if (it == 0) continue;  // warm-up
    compute_s.push_back(slowest(t1 - t0));
    reduce_s.push_back(slowest(t3 - t2));
  }
  if (rank == 0) {
    const double c = median(compute_s) * 1e3, r = median(reduce_s) * 1e3;
    std::printf("%-11s %-6s np=%d  rows/rank=%7zu  compute %8.3f ms  reduce %7.3f ms  (%5.1f %%)  "
                "%zu bytes\n",
                s.name, scaling, ranks, n_local, c, r, 100.0 * r / (c + r), count * sizeof(double));
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
  const shape shapes[] = {{"sensor-16d", 200000, 16, 64}, {"embed-128d", 100000, 128, 256}};
  for (const shape& s : shapes) {
    const auto r = static_cast<std::size_t>(rank), np = static_cast<std::size_t>(ranks);
    run(s, s.n * (r + 1) / np - s.n * r / np, "strong", iterations);
    run(s, s.n / 2, "weak", iterations);
  }
  MPI_Finalize();
  return 0;
}
