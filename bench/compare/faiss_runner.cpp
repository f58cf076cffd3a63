// FAISS (Debian libfaiss-dev 1.7.3, CPU, IndexFlatL2 + BLAS) on the shared data.
//
// Iterations: Clustering::train runs exactly `niter` iterations, each a search of all points
// against an IndexFlatL2 holding the centres (the assignment; BLAS sgemm for more than 20
// points) and a centre update (compute_centroids + split_clusters for empty ones). It has no
// tolerance and never stops early. Centres already in Clustering::centroids are used as the
// start. Before the loop it checks every value is finite and, when n > k *
// max_points_per_centroid (default 256), trains on a random subsample: we set it to INT_MAX so
// every iteration sees all n points. The two timed calls run niter = 1 and 11.
// Threads: omp_set_num_threads(1) here, plus OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 from the
// driver.
#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <omp.h>

#include <climits>
#include <string>
#include <vector>

#include "runner_common.hpp"

namespace {

double train(const compare::problem& p, faiss::Clustering& clus) {
  faiss::IndexFlatL2 index(static_cast<faiss::Index::idx_t>(p.d));
  const double t0 = compare::now_s();
  clus.train(static_cast<faiss::Index::idx_t>(p.n), p.points.data(), index);
  return compare::now_s() - t0;
}

double lloyd(const compare::problem& p, int niter, std::vector<float>* centres,
             int* splits = nullptr) {
  faiss::ClusteringParameters cp;
  cp.niter = niter;
  cp.nredo = 1;
  cp.max_points_per_centroid = INT_MAX;  // no subsampling
  cp.verbose = false;
  faiss::Clustering clus(static_cast<int>(p.d), static_cast<int>(p.k), cp);
  clus.centroids = p.init;  // all k given: none drawn at random
  const double s = train(p, clus);
  if (centres) *centres = clus.centroids;
  if (splits) {  // empty clusters FAISS refilled by splitting a large one
    *splits = 0;
    for (const faiss::ClusteringIterationStats& it : clus.iteration_stats) *splits += it.nsplit;
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  compare::problem p;
  const std::string mode = compare::load(argc, argv, p);
  omp_set_num_threads(1);
  std::vector<float> centres;

  if (mode == "fit") {
    // Defaults (niter 25, random init from the data, 256 points per centroid, seed 1234) with
    // nredo = 10; the best restart is the one with the lowest objective of its last iteration.
    faiss::ClusteringParameters cp;
    cp.nredo = 10;
    faiss::Clustering clus(static_cast<int>(p.d), static_cast<int>(p.k), cp);
    const double s = train(p, clus);
    const std::string path = p.outdir + "/faiss.fit.f32";
    compare::write_f32(path, clus.centroids.data(), clus.centroids.size());
    const std::size_t used =
        p.n > p.k * 256 ? p.k * 256 : p.n;  // what max_points_per_centroid leaves
    compare::print_fit("faiss", "IndexFlatL2", s,
                       "random init, nredo=10, niter=25, trains on " + std::to_string(used) +
                           " of " + std::to_string(p.n) + " points (max_points_per_centroid=256)",
                       path);
    return 0;
  }

  const int lo = 1, hi = 11;
  std::vector<double> t_lo, t_hi;
  int splits = 0;
  lloyd(p, lo, nullptr);  // warm-up
  for (int r = 0; r < p.reps; ++r) {
    t_lo.push_back(lloyd(p, lo, nullptr));
    t_hi.push_back(lloyd(p, hi, &centres, &splits));
  }
  const std::string path = p.outdir + "/faiss.lloyd.f32";
  compare::write_f32(path, centres.data(), centres.size());
  compare::print_lloyd("faiss", "IndexFlatL2", lo, hi, t_lo, t_hi, hi, false, splits, path);
  return 0;
}
