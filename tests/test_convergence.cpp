// Stopping rules: max_iter, tol (scaled by the data's mean feature variance), n_iter_check, and
// the inertia fit() reports.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;
using tinykm::status;

namespace {

// A slow Lloyd case buried under a huge constant inertia.
//  - A: two points at (0, +-1e6), owned by c0 = (0, 0) for good: 2e12 of inertia that never
//    changes, and a y-variance of ~2e10 that scales tol.
//  - S: 100 points on a line at x = 1000..1099, y = 0, with c1 = (1000, 0) and c2 = (1001, 0):
//    the boundary between c1 and c2 halves its distance to 1050 each iteration, so Lloyd needs
//    several iterations, each improving the inertia by a relative < 1e-6.
struct slow_case {
  std::vector<float> pts;
  std::vector<float> start = {0.0f, 0.0f, 1000.0f, 0.0f, 1001.0f, 0.0f};
  std::size_t n = 0;
  slow_case() {
    pts = {0.0f, 1e6f, 0.0f, -1e6f};
    for (int i = 0; i < 100; ++i) {
      pts.push_back(1000.0f + static_cast<float>(i));
      pts.push_back(0.0f);
    }
    n = pts.size() / 2;
  }
  tinykm::fit_params params(double tol, std::uint32_t check, std::uint32_t max_iter) const {
    tinykm::fit_params p;
    p.k = 3;
    p.init = init_method::user;
    p.initial_centroids = start.data();
    p.tol = tol;
    p.n_iter_check = check;
    p.max_iter = max_iter;
    p.empty_cluster = empty_cluster_policy::keep;
    return p;
  }
};

tkt::blobs planted() {
  tkt::blobs b = tkt::make_blobs({50, 70, 40, 60, 30}, 4, 40.0, 15.0, 1.0, 201);
  REQUIRE(b.separated);
  return b;
}

}  // namespace

TEST_CASE("max_iter bounds the iterations", "[convergence]") {
  const tkt::blobs b = tkt::make_blobs({50, 70, 40}, 2, 2.0, 0.0, 1.0, 202);  // overlapping
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point}) {
    for (std::uint32_t max_iter : {1u, 2u, 3u}) {
      tinykm::fit_params p;
      p.k = 6;
      p.init = init;
      p.max_iter = max_iter;
      p.tol = 0.0;
      p.n_init = 2;
      tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
      INFO(tkt::init_name(init) << " max_iter " << max_iter);
      REQUIRE(f.st == status::ok);
      if (max_iter == 1) CHECK(f.result.iterations == 1);
      CHECK(f.result.iterations >= 1);
      CHECK(f.result.iterations <= max_iter);
      CHECK(f.result.best_init < 2);
    }
  }
}

TEST_CASE("planted blobs converge in far fewer than max_iter iterations", "[convergence]") {
  const tkt::blobs b = planted();
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::farthest_point}) {
    for (double tol : {1e-4, 0.0}) {
      tinykm::fit_params p;
      p.k = 5;
      p.init = init;
      p.tol = tol;
      p.n_iter_check = 0;
      tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
      INFO(tkt::init_name(init) << " tol " << tol);
      REQUIRE(f.st == status::ok);
      CHECK(f.result.converged);
      CHECK(f.result.iterations <= 10);
      CHECK(tkt::adjusted_rand_index(tkt::predict_labels(f.view(), b.points.data(), b.n, b.d),
                                     b.labels) == 1.0);
    }
  }
}

TEST_CASE("tol = 0 stops exactly when no centre moves", "[convergence]") {
  const slow_case s;
  std::size_t ref_iters = 0;
  const std::vector<float> ref =
      tkt::ref_lloyd(s.pts.data(), s.n, 2, nullptr, s.start.data(), 3, 300, &ref_iters);
  REQUIRE(ref_iters >= 5);  // the fixture really is slow
  tkt::fit_out f = tkt::run_fit(s.pts.data(), s.n, 2, nullptr, s.params(0.0, 0, 300));
  REQUIRE(f.st == status::ok);
  CHECK(f.result.converged);
  CHECK(f.result.iterations == ref_iters);
  CHECK(f.centroids == ref);
  // One iteration fewer is not enough: the centres were still moving.
  tkt::fit_out g = tkt::run_fit(s.pts.data(), s.n, 2, nullptr,
                                s.params(0.0, 0, static_cast<std::uint32_t>(ref_iters - 1)));
  REQUIRE(g.st == status::ok);
  CHECK_FALSE(g.result.converged);
  CHECK(g.result.iterations == ref_iters - 1);
}

TEST_CASE("n_iter_check stops when the inertia no longer improves", "[convergence]") {
  const slow_case s;
  tkt::fit_out full = tkt::run_fit(s.pts.data(), s.n, 2, nullptr, s.params(0.0, 0, 300));
  REQUIRE(full.st == status::ok);
  REQUIRE(full.result.iterations >= 5);
  for (std::uint32_t check : {1u, 2u}) {
    tkt::fit_out f = tkt::run_fit(s.pts.data(), s.n, 2, nullptr, s.params(0.0, check, 300));
    INFO("n_iter_check " << check);
    REQUIRE(f.st == status::ok);
    CHECK(f.result.converged);
    CHECK(f.result.iterations < full.result.iterations);
    CHECK(f.result.iterations % check == 0);  // it only stops on a check
  }
}

TEST_CASE("tol is scaled by the mean feature variance", "[convergence]") {
  // With the default tol the first iteration's shift (49^2) is far below 1e-4 x ~1e10.
  const slow_case s;
  tkt::fit_out f = tkt::run_fit(s.pts.data(), s.n, 2, nullptr, s.params(1e-4, 0, 300));
  REQUIRE(f.st == status::ok);
  CHECK(f.result.converged);
  CHECK(f.result.iterations == 1);
  // The same data scaled down by 1e4 (variance by 1e8) behaves the same: the rule is scale-free.
  std::vector<float> small = s.pts;
  for (float& x : small) x *= 1e-4f;
  std::vector<float> small_start = s.start;
  for (float& x : small_start) x *= 1e-4f;
  tinykm::fit_params p = s.params(1e-4, 0, 300);
  p.initial_centroids = small_start.data();
  tkt::fit_out g = tkt::run_fit(small.data(), s.n, 2, nullptr, p);
  REQUIRE(g.st == status::ok);
  CHECK(g.result.converged);
  CHECK(g.result.iterations == 1);
  // A huge tol stops any data after one iteration.
  const tkt::blobs b = planted();
  tinykm::fit_params q;
  q.k = 5;
  q.tol = 1e9;
  tkt::fit_out h = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, q);
  REQUIRE(h.st == status::ok);
  CHECK(h.result.converged);
  CHECK(h.result.iterations == 1);
}

TEST_CASE("inertia never increases with more iterations", "[convergence]") {
  const tkt::blobs b = tkt::make_blobs({50, 70, 40}, 2, 2.0, 0.0, 1.0, 203);
  const std::vector<float> start(b.points.begin(), b.points.begin() + 7 * 2);
  double prev = 1e300;
  for (std::uint32_t m = 1; m <= 12; ++m) {
    tinykm::fit_params p;
    p.k = 7;
    p.init = init_method::user;
    p.initial_centroids = start.data();
    p.tol = 0.0;
    p.max_iter = m;
    p.empty_cluster = empty_cluster_policy::keep;
    tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
    INFO("max_iter " << m);
    REQUIRE(f.st == status::ok);
    CHECK(f.result.inertia <= prev * (1.0 + 1e-12));
    prev = f.result.inertia;
  }
}

TEST_CASE("the reported inertia is that of the final centres", "[convergence]") {
  const tkt::blobs b = tkt::make_blobs({50, 70, 40}, 3, 3.0, 0.0, 1.0, 204);
  const std::vector<float> w = tkt::random_reals(b.n, 1, 0.5, 3.0, 205);
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point})
    for (std::uint32_t max_iter : {1u, 2u, 5u, 300u})
      for (int weighted = 0; weighted < 2; ++weighted) {
        const float* wp = weighted ? w.data() : nullptr;
        tinykm::fit_params p;
        p.k = 8;
        p.init = init;
        p.max_iter = max_iter;
        p.n_init = 3;
        tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, wp, p);
        INFO(tkt::init_name(init) << " max_iter " << max_iter << " weighted " << weighted);
        REQUIRE(f.st == status::ok);
        double again = -1.0;
        REQUIRE(tinykm::inertia(f.view(), b.points.data(), b.n, b.d, wp, &again) == status::ok);
        CHECK(f.result.inertia == again);  // same distances, same summation layout
        const double ref = tkt::ref_inertia(b.points.data(), b.n, b.d, f.centroids.data(), 8, wp);
        CHECK(f.result.inertia == Approx(ref).epsilon(1e-5));
      }
}
