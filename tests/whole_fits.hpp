// Whole fits (k-means++, random and farthest-point seeding, restarts, Lloyd to convergence) on
// integer-valued data whose squared distances stay below 2^24, and the labels predict gives
// with each result: centres, labels, restart and iteration count must be bit-identical across
// backends and Highway targets.
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels.hpp"
#include "test_support.hpp"

namespace tkt {

struct whole_fit {
  fit_out fit;
  std::vector<std::int32_t> labels;
};

// Fits with the active kernels: d 3 and 6 (small-d kernels), 20 and 64 (blocked, exact rows).
inline std::vector<whole_fit> whole_fits() {
  struct shape {
    std::size_t n, d, k;
  };
  std::vector<whole_fit> out;
  for (const shape s : {shape{2000, 3, 8}, shape{3000, 6, 12}, shape{1500, 20, 10},
                        shape{600, 64, 16}})
    for (const tinykm::init_method init :
         {tinykm::init_method::kmeans_plus_plus, tinykm::init_method::random,
          tinykm::init_method::farthest_point}) {
      const blobs b = make_int_blobs(s.n, s.d, s.k, s.n + s.d);
      tinykm::fit_params p;
      p.k = s.k;
      p.init = init;
      p.n_init = 3;
      p.seed = 7;
      whole_fit w{run_fit(b.points.data(), b.n, b.d, nullptr, p), {}};
      REQUIRE(w.fit.st == tinykm::status::ok);
      w.labels = predict_labels(w.fit.view(), b.points.data(), b.n, b.d);
      out.push_back(w);
    }
  return out;
}

// Each fit of `got` equals the same fit of `want` (bit for bit but the inertia).
inline void check_same_fits(const std::vector<whole_fit>& want, const std::vector<whole_fit>& got) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("fit " << i << " (shape " << i / 3 << ", init " << i % 3 << ")");
    const fit_out& a = want[i].fit;
    const fit_out& b = got[i].fit;
    CHECK(b.centroids == a.centroids);
    // Measured against the final means, which are not integers: float32 may round a distance
    // differently per backend (3e-8 relative seen).
    CHECK(b.result.inertia == Approx(a.result.inertia).epsilon(1e-6));
    CHECK(b.result.iterations == a.result.iterations);
    CHECK(b.result.converged == a.result.converged);
    CHECK(b.result.best_init == a.result.best_init);
    CHECK(b.result.empty_clusters == a.result.empty_clusters);
    CHECK(got[i].labels == want[i].labels);
  }
}

// The fits with the scalar reference's kernels.
inline std::vector<whole_fit> scalar_whole_fits() {
  tinykm::kernels::set_active(&tinykm::kernels::scalar_table);
  std::vector<whole_fit> fits = whole_fits();
  tinykm::kernels::set_active(nullptr);
  return fits;
}

}  // namespace tkt
