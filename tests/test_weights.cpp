// Sample weights: an integer weight w acts exactly like w copies of the point; weights that are
// not positive and finite are rejected.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;
using tinykm::status;

namespace {

struct weighted_case {
  std::size_t n, d, k;
  std::vector<float> points;    // n x d, integer-valued
  std::vector<float> weights;   // n, integers in 1..5
  std::vector<float> repeated;  // each point repeated weights[i] times
  std::vector<float> start;     // k x d user centres
};

weighted_case make_case(std::size_t n, std::size_t d, std::size_t k, std::uint64_t seed) {
  weighted_case c{n, d, k, {}, {}, {}, {}};
  c.points = tkt::make_int_blobs(n, d, k, seed).points;
  tkt::rng r(seed + 1);
  c.weights.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    c.weights[i] = static_cast<float>(r.int_in(1, 5));
    for (int rep = 0; rep < static_cast<int>(c.weights[i]); ++rep)
      c.repeated.insert(c.repeated.end(), c.points.begin() + static_cast<std::ptrdiff_t>(i * d),
                        c.points.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
  }
  c.start.assign(c.points.begin(), c.points.begin() + static_cast<std::ptrdiff_t>(k * d));
  for (float& x : c.start) x += 0.5f;
  return c;
}

}  // namespace

TEST_CASE("integer weights equal repeated points", "[weights]") {
  const std::size_t ds[] = {1, 3, 8, 17};
  for (std::size_t d : ds)
    for (empty_cluster_policy pol :
         {empty_cluster_policy::keep, empty_cluster_policy::relocate_farthest,
          empty_cluster_policy::split_largest}) {
      const weighted_case c = make_case(120, d, 6, 1000 + d);
      tinykm::fit_params p;
      p.k = c.k;
      p.init = init_method::user;
      p.initial_centroids = c.start.data();
      p.tol = 0.0;
      p.max_iter = 50;
      p.empty_cluster = pol;
      tkt::fit_out w = tkt::run_fit(c.points.data(), c.n, d, c.weights.data(), p);
      const std::size_t nr = c.repeated.size() / d;
      tkt::fit_out r = tkt::run_fit(c.repeated.data(), nr, d, nullptr, p);
      INFO("d=" << d << " policy " << tkt::policy_name(pol));
      REQUIRE(w.st == status::ok);
      REQUIRE(r.st == status::ok);
      // Sums of integers times integers are exact in double, so the means are identical.
      for (std::size_t i = 0; i < w.centroids.size(); ++i)
        CHECK(w.centroids[i] == Approx(r.centroids[i]).epsilon(1e-6).margin(1e-6));
      CHECK(w.result.inertia == Approx(r.result.inertia).epsilon(1e-9));
      CHECK(w.result.iterations == r.result.iterations);
      // inertia() with weights on the original points equals inertia() on the copies.
      double iw = -1.0, ir = -2.0;
      REQUIRE(tinykm::inertia(w.view(), c.points.data(), c.n, d, c.weights.data(), &iw) ==
              status::ok);
      REQUIRE(tinykm::inertia(w.view(), c.repeated.data(), nr, d, nullptr, &ir) == status::ok);
      CHECK(iw == Approx(ir).epsilon(1e-12));
    }
}

TEST_CASE("k-means++ on weights and on repeated points finds the same planted clusters",
          "[weights]") {
  // Weighted seeding cannot be compared draw for draw with repeated points, but both must
  // find well-separated clusters.
  tkt::blobs b = tkt::make_blobs({30, 30, 30, 30}, 2, 30.0, 12.0, 0.3, 71);
  REQUIRE(b.separated);
  std::vector<float> w(b.n);
  std::vector<float> rep;
  std::vector<std::int32_t> rep_labels;
  for (std::size_t i = 0; i < b.n; ++i) {
    w[i] = static_cast<float>(1 + i % 3);
    for (std::size_t t = 0; t < 1 + i % 3; ++t) {
      rep.insert(rep.end(), b.points.begin() + static_cast<std::ptrdiff_t>(i * 2),
                 b.points.begin() + static_cast<std::ptrdiff_t>(i * 2 + 2));
      rep_labels.push_back(b.labels[i]);
    }
  }
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    tinykm::fit_params p;
    p.k = 4;
    p.seed = seed;
    tkt::fit_out fw = tkt::run_fit(b.points.data(), b.n, 2, w.data(), p);
    tkt::fit_out fr = tkt::run_fit(rep.data(), rep.size() / 2, 2, nullptr, p);
    REQUIRE(fw.st == status::ok);
    REQUIRE(fr.st == status::ok);
    CHECK(tkt::adjusted_rand_index(tkt::predict_labels(fw.view(), b.points.data(), b.n, 2),
                                   b.labels) == 1.0);
    CHECK(tkt::adjusted_rand_index(
              tkt::predict_labels(fr.view(), rep.data(), rep.size() / 2, 2), rep_labels) == 1.0);
    CHECK(fw.result.inertia == Approx(fr.result.inertia).epsilon(1e-6));
  }
}

TEST_CASE("a heavy point pulls its centre", "[weights]") {
  // Two points in one cluster; the centre is their weighted mean.
  const std::vector<float> pts = {0.0f, 10.0f, 100.0f};
  const std::vector<float> w = {3.0f, 1.0f, 2.0f};
  const std::vector<float> start = {1.0f, 90.0f};
  tinykm::fit_params p;
  p.k = 2;
  p.init = init_method::user;
  p.initial_centroids = start.data();
  tkt::fit_out f = tkt::run_fit(pts.data(), 3, 1, w.data(), p);
  REQUIRE(f.st == status::ok);
  CHECK(f.centroids[0] == 2.5f);
  CHECK(f.centroids[1] == 100.0f);
  // 3 x 2.5^2 + 1 x 7.5^2 = 75
  CHECK(f.result.inertia == Approx(75.0).epsilon(1e-12));
  // Scaling every weight by 2 leaves the centres and doubles the inertia.
  const std::vector<float> w2 = {6.0f, 2.0f, 4.0f};
  tkt::fit_out f2 = tkt::run_fit(pts.data(), 3, 1, w2.data(), p);
  REQUIRE(f2.st == status::ok);
  CHECK(f2.centroids == f.centroids);
  CHECK(f2.result.inertia == Approx(150.0).epsilon(1e-12));
}

TEST_CASE("weights that are not positive and finite are rejected", "[weights]") {
  const std::size_t n = 20, d = 2;
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 81);
  const float bad_values[] = {0.0f,
                              -0.0f,
                              -1.0f,
                              -std::numeric_limits<float>::denorm_min(),
                              std::numeric_limits<float>::quiet_NaN(),
                              std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity()};
  const status expected[] = {status::invalid_argument, status::invalid_argument,
                             status::invalid_argument, status::invalid_argument,
                             status::non_finite_input, status::non_finite_input,
                             status::non_finite_input};
  const std::size_t positions[] = {0, 7, n - 1};
  for (std::size_t v = 0; v < 7; ++v)
    for (std::size_t pos : positions) {
      std::vector<float> w(n, 1.0f);
      w[pos] = bad_values[v];
      INFO("weight " << bad_values[v] << " at " << pos);
      // fit
      tinykm::fit_params p;
      p.k = 3;
      tkt::fit_out f = tkt::run_fit(pts.data(), n, d, w.data(), p);
      if (v == 6) {
        // -inf is both non-finite and negative; either answer is an error.
        CHECK((f.st == status::non_finite_input || f.st == status::invalid_argument));
      } else {
        CHECK(f.st == expected[v]);
      }
      CHECK(f.k == 0);
      // inertia and score
      const std::vector<float> centres = {0, 0, 1, 1, -1, -1};
      tkt::owned_model m(centres, 3, d);
      double out = 42.0;
      const status si = tinykm::inertia(m.view, pts.data(), n, d, w.data(), &out);
      const status ss = tinykm::score(m.view, pts.data(), n, d, w.data(), &out);
      if (v == 6) {
        CHECK(si != status::ok);
        CHECK(ss != status::ok);
      } else {
        CHECK(si == expected[v]);
        CHECK(ss == expected[v]);
      }
      CHECK(out == 42.0);
    }
}

TEST_CASE("tiny positive weights are accepted", "[weights]") {
  const std::size_t n = 10, d = 1;
  std::vector<float> pts(n);
  for (std::size_t i = 0; i < n; ++i) pts[i] = static_cast<float>(i);
  const std::vector<float> w(n, std::numeric_limits<float>::min());
  tinykm::fit_params p;
  p.k = 2;
  tkt::fit_out f = tkt::run_fit(pts.data(), n, d, w.data(), p);
  REQUIRE(f.st == status::ok);
  CHECK(tkt::all_finite(f.centroids));
  CHECK(std::isfinite(f.result.inertia));
}
