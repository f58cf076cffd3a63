// The split-and-merge refinement (src/batch/split_merge.cpp, refinement::split_merge): it never
// raises the inertia and leaves fit's inertia equal to inertia() of the returned centres; it
// fixes two centres on one blob beside one centre on two blobs; it gives the same bits for any
// thread count and backend; its workspace is kmeans.hpp's formula. (Allocations:
// test_no_alloc.cpp; refine none keeping today's bits: test_refine.cpp and test_golden.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "backend_loop.hpp"
#include "kernels.hpp"
#include "size_formulas.hpp"
#include "test_support.hpp"
#include "thread_pool.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

using tinykm::refinement;

namespace {

tinykm::fit_params split_merge_params(std::size_t k, std::uint64_t seed) {
  tinykm::fit_params p;
  p.k = k;
  p.refine = refinement::split_merge;
  p.seed = seed;
  return p;
}

// Three square blobs of `per` points each (uniform in +-1 around (0, 0), (50, 0), (50, 8)).
std::vector<float> three_blobs(std::size_t per) {
  const std::vector<float> noise = tkt::random_reals(3 * per, 2, -1.0, 1.0, 31);
  const float cx[3] = {0.0f, 50.0f, 50.0f}, cy[3] = {0.0f, 0.0f, 8.0f};
  std::vector<float> pts(noise.size());
  for (std::size_t i = 0; i < 3 * per; ++i) {
    pts[2 * i] = cx[i / per] + noise[2 * i];
    pts[2 * i + 1] = cy[i / per] + noise[2 * i + 1];
  }
  return pts;
}

}  // namespace

TEST_CASE("split_merge: never raises the inertia; fit's inertia is inertia() of its centres",
          "[split_merge]") {
  std::uint64_t seed = 100;
  for (std::size_t d : {1u, 2u, 5u, 16u, 40u})
    for (std::size_t k : {1u, 2u, 7u, 20u})
      for (int variant = 0; variant < 4; ++variant) {
        const bool weighted = variant % 2 != 0;
        const tkt::blobs b = tkt::make_blobs({90, 60, 150, 40, 70, 110}, d, 5.0, 0.0, 1.0, ++seed);
        const std::vector<float> w = tkt::random_reals(b.n, 1, 0.25, 3.0, ++seed);
        const float* wp = weighted ? w.data() : nullptr;
        tinykm::fit_params p = split_merge_params(k, seed);
        p.refine = refinement::none;
        p.n_init = variant < 2 ? 1 : 3;
        const tkt::fit_out off = tkt::run_fit(b.points.data(), b.n, d, wp, p);
        p.refine = refinement::split_merge;
        tkt::fit_out on = tkt::run_fit(b.points.data(), b.n, d, wp, p, 1);
        INFO("d " << d << " k " << k << " variant " << variant);
        REQUIRE(off.st == tinykm::status::ok);
        REQUIRE(on.st == tinykm::status::ok);
        CHECK(on.result.inertia <= off.result.inertia);
        double measured = -1.0;
        REQUIRE(tinykm::inertia(on.view(), b.points.data(), b.n, d, wp, &measured) ==
                tinykm::status::ok);
        CHECK(tkt::same_bits(&measured, &on.result.inertia, sizeof(double)));
        // An attempt that does not gain is undone without a trace.
        if (p.n_init == 1 && !(on.result.inertia < off.result.inertia))
          CHECK(tkt::same_fit(on, off));
      }
}

TEST_CASE("split_merge: two centres on one blob and one on two blobs are fixed",
          "[split_merge]") {
  const std::size_t per = 300;
  const std::vector<float> pts = three_blobs(per);
  // A Lloyd fixed point: centres 0 and 1 split the first blob down x = 0, centre 2 sits
  // between the other two blobs (8 apart: each point is far nearer it than the first blob).
  const std::vector<float> start = {-0.5f, 0.0f, 0.5f, 0.0f, 50.0f, 4.0f};
  tinykm::fit_params p = split_merge_params(3, 0);
  p.init = tinykm::init_method::user;
  p.initial_centroids = start.data();
  p.refine = refinement::none;
  const tkt::fit_out off = tkt::run_fit(pts.data(), 3 * per, 2, nullptr, p);
  REQUIRE(off.st == tinykm::status::ok);
  CHECK(off.result.inertia > 2.0 * per * 16.0 * 0.9);  // stuck: about 16 per point of the pair
  p.refine = refinement::split_merge;
  const tkt::fit_out on = tkt::run_fit(pts.data(), 3 * per, 2, nullptr, p);
  REQUIRE(on.st == tinykm::status::ok);
  // Uniform noise in +-1: 2/3 per point at the planted centres.
  CHECK(on.result.inertia < 3.0 * per * (2.0 / 3.0) * 1.1);
  const float want[3][2] = {{0.0f, 0.0f}, {50.0f, 0.0f}, {50.0f, 8.0f}};
  for (const auto& c : want) {
    bool found = false;
    for (std::size_t j = 0; j < 3; ++j)
      found |= std::fabs(on.centroids[2 * j] - c[0]) < 0.2f &&
               std::fabs(on.centroids[2 * j + 1] - c[1]) < 0.2f;
    CHECK(found);
  }
}

TEST_CASE("split_merge: the same bits on every run, thread count and backend",
          "[split_merge]") {
  const tkt::blobs b =
      tkt::make_blobs({1500, 4000, 2500, 3000, 800, 2200, 1200, 900}, 6, 6.0, 0.0, 1.0, 77);
  const std::vector<float> w = tkt::random_reals(b.n, 1, 0.5, 2.0, 78);
  tinykm_tools::thread_pool three(3), two(2);
  for (const float* wp : {static_cast<const float*>(nullptr), w.data()}) {
    tinykm::fit_params p = split_merge_params(8, 5);
    p.init = tinykm::init_method::random;  // random starts leave blob-level errors to fix
    p.n_init = 2;
    const tkt::fit_out first = tkt::run_fit(b.points.data(), b.n, b.d, wp, p);
    REQUIRE(first.st == tinykm::status::ok);
    tinykm::fit_params none = p;
    none.refine = refinement::none;
    const tkt::fit_out lloyd = tkt::run_fit(b.points.data(), b.n, b.d, wp, none);
    CHECK(first.result.inertia < lloyd.result.inertia);  // the refinement ran and gained
    tkt::for_each_backend([&](const tinykm::kernels::kernel_table& kt) {
      INFO("backend " << kt.name() << " weighted " << (wp != nullptr));
      const tkt::fit_out want = tkt::run_fit(b.points.data(), b.n, b.d, wp, p);
      REQUIRE(want.st == tinykm::status::ok);
      // Backends agree on labels, so on centres; inertia is each backend's float32 sums.
      CHECK(tkt::same_bits(want.centroids.data(), first.centroids.data(),
                           want.centroids.size() * sizeof(float)));
      CHECK(want.result.inertia == Approx(first.result.inertia).epsilon(1e-6));
      CHECK(want.result.best_init == first.result.best_init);
      CHECK(tkt::same_fit(want, tkt::run_fit(b.points.data(), b.n, b.d, wp, p)));
      for (tinykm_tools::thread_pool* pool : {&three, &two}) {
        tinykm::fit_params q = p;
        q.parallel = pool->parallel();
        CHECK(tkt::same_fit(want, tkt::run_fit(b.points.data(), b.n, b.d, wp, q)));
      }
    });
  }
}

TEST_CASE("split_merge: workspace size formula and a workspace one byte short", "[split_merge]") {
  const std::vector<float> pts = tkt::random_reals(700, 3, -1.0, 1.0, 4);
  for (refinement r : {refinement::none, refinement::hartigan, refinement::split_merge})
    for (std::size_t k : {1u, 6u, 70u}) {
      tinykm::fit_params p = split_merge_params(k, 1);
      p.refine = r;
      INFO("refine " << static_cast<int>(r) << " k " << k);
      const tkt::sz want = tkt::fit_formula(p.init, false, k, 700, 3,
                                            tinykm::kernels::compact_code, true, r);
      REQUIRE(!want.over);
      CHECK(tinykm::fit_workspace_size(p, 700, 3) == want.v);
    }
  tinykm::fit_params p = split_merge_params(6, 1);
  const std::size_t need = tinykm::fit_workspace_size(p, 700, 3);
  std::vector<unsigned char> ws(need);
  tkt::owned_model m(6 * 3);
  CHECK(tinykm::fit(pts.data(), 700, 3, nullptr, p, m.view, ws.data(), need - 1) ==
        tinykm::status::workspace_too_small);
  CHECK(tinykm::fit(pts.data(), 700, 3, nullptr, p, m.view, ws.data(), need) == tinykm::status::ok);
}
