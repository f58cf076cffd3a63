// Empty clusters: each policy does what params.hpp promises, and degenerate data (fewer
// distinct points than k) never produces NaN or a crash.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "heavy_relocation_cases.hpp"
#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;
using tinykm::status;

namespace {

// Group A: two sub-blobs at x = -3 and x = +3 (12 points, the heaviest cluster at the start);
// group B: 6 points around (30, 0); P: one far point (50, 50).
// Start: c0 = (0,0) owns A, c1 = (30,0) owns B and P, c2 = (-1000,-1000) owns nothing.
struct scene {
  std::vector<float> pts;
  std::vector<std::int32_t> sub;  // 0: A-left, 1: A-right, 2: B, 3: P
  std::size_t n = 0;
  std::vector<float> start = {0.0f, 0.0f, 30.0f, 0.0f, -1000.0f, -1000.0f};
  scene() {
    const float al[] = {-3, 0, -3.5f, 0.5f, -2.5f, -0.5f, -3, 0.5f, -3.5f, -0.5f, -3.6f, 0.5f};
    const float ar[] = {3, 0, 3.5f, 0.5f, 2.5f, -0.5f, 3, -0.5f, 3.5f, -0.5f, 2.7f, 0.5f};
    const float b[] = {30, 0, 30.5f, 0.5f, 29.5f, -0.5f, 30, 0.5f, 30.5f, -0.5f, 29.5f, 0.5f};
    add(al, 6, 0);
    add(ar, 6, 1);
    add(b, 6, 2);
    const float p[] = {50.0f, 50.0f};
    add(p, 1, 3);
  }
  void add(const float* xy, std::size_t m, std::int32_t label) {
    for (std::size_t i = 0; i < m; ++i) {
      pts.push_back(xy[2 * i]);
      pts.push_back(xy[2 * i + 1]);
      sub.push_back(label);
    }
    n += m;
  }
  // Labels with the given sub-groups merged: map[sub] -> cluster.
  std::vector<std::int32_t> grouped(const std::int32_t (&map)[4]) const {
    std::vector<std::int32_t> g;
    for (std::int32_t s : sub) g.push_back(map[s]);
    return g;
  }
  void mean_of(std::int32_t s0, std::int32_t s1, double* out) const {
    double sx = 0, sy = 0, c = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (sub[i] == s0 || sub[i] == s1) {
        sx += static_cast<double>(pts[2 * i]);
        sy += static_cast<double>(pts[2 * i + 1]);
        c += 1.0;
      }
    out[0] = sx / c;
    out[1] = sy / c;
  }
};

tkt::fit_out fit_scene(const scene& s, empty_cluster_policy pol, std::uint32_t max_iter) {
  tinykm::fit_params p;
  p.k = 3;
  p.init = init_method::user;
  p.initial_centroids = s.start.data();
  p.empty_cluster = pol;
  p.max_iter = max_iter;
  return tkt::run_fit(s.pts.data(), s.n, 2, nullptr, p);
}

}  // namespace

TEST_CASE("keep leaves an empty centre exactly where it was", "[empty]") {
  const scene s;
  for (std::uint32_t max_iter : {1u, 300u}) {
    tkt::fit_out f = fit_scene(s, empty_cluster_policy::keep, max_iter);
    INFO("max_iter " << max_iter);
    REQUIRE(f.st == status::ok);
    CHECK(f.centroids[4] == -1000.0f);
    CHECK(f.centroids[5] == -1000.0f);
    CHECK(f.result.empty_clusters > 0);
    double a[2], bp[2];
    s.mean_of(0, 1, a);
    s.mean_of(2, 3, bp);
    CHECK(f.centroids[0] == Approx(a[0]).margin(1e-6));
    CHECK(f.centroids[1] == Approx(a[1]).margin(1e-6));
    CHECK(f.centroids[2] == Approx(bp[0]).epsilon(1e-6));
    CHECK(f.centroids[3] == Approx(bp[1]).epsilon(1e-6));
  }
  const std::int32_t map[4] = {0, 0, 1, 1};
  tkt::fit_out f = fit_scene(s, empty_cluster_policy::keep, 300);
  CHECK(tkt::adjusted_rand_index(tkt::predict_labels(f.view(), s.pts.data(), s.n, 2),
                                 s.grouped(map)) == 1.0);
  CHECK(f.result.converged);
}

TEST_CASE("relocate_farthest moves an empty centre onto the farthest point", "[empty]") {
  const scene s;
  // One iteration: the empty centre lands exactly on P (the point farthest from its own centre,
  // and also the point farthest from the empty centre), and P's weight leaves B in the same
  // update, so c1 is the mean of B alone.
  tkt::fit_out one = fit_scene(s, empty_cluster_policy::relocate_farthest, 1);
  REQUIRE(one.st == status::ok);
  CHECK(one.result.iterations == 1);
  CHECK(one.result.empty_clusters > 0);
  CHECK(one.centroids[4] == 50.0f);
  CHECK(one.centroids[5] == 50.0f);
  double b[2], a[2];
  s.mean_of(2, 2, b);
  s.mean_of(0, 1, a);
  CHECK(one.centroids[2] == Approx(b[0]).epsilon(1e-6));
  CHECK(one.centroids[3] == Approx(b[1]).margin(1e-6));
  CHECK(one.centroids[0] == Approx(a[0]).margin(1e-6));
  CHECK(one.centroids[1] == Approx(a[1]).margin(1e-6));
  // Run to convergence: A, B and P each have a centre.
  tkt::fit_out f = fit_scene(s, empty_cluster_policy::relocate_farthest, 300);
  REQUIRE(f.st == status::ok);
  CHECK(f.result.empty_clusters > 0);
  CHECK(f.result.converged);
  const std::int32_t map[4] = {0, 0, 1, 2};
  CHECK(tkt::adjusted_rand_index(tkt::predict_labels(f.view(), s.pts.data(), s.n, 2),
                                 s.grouped(map)) == 1.0);
  CHECK(f.centroids[4] == 50.0f);
  CHECK(f.centroids[5] == 50.0f);
}

TEST_CASE("split_largest splits the heaviest cluster", "[empty]") {
  const scene s;
  // One iteration: the empty centre moves inside the heaviest cluster (A, 12 points), half-way
  // between A's centre and A's farthest member, so inside A's bounding box.
  tkt::fit_out one = fit_scene(s, empty_cluster_policy::split_largest, 1);
  REQUIRE(one.st == status::ok);
  CHECK(one.result.empty_clusters > 0);
  const float x = one.centroids[4], y = one.centroids[5];
  CHECK(x >= -3.6f);
  CHECK(x <= 3.5f);
  CHECK(y >= -0.5f);
  CHECK(y <= 0.5f);
  // Not on A's centre itself (the farthest member is at least 2.5 away from it).
  CHECK(std::fabs(x) >= 1.0f);
  CHECK(tkt::all_finite(one.centroids));
  // Precisely: the midpoint of A's centre (before or after this update: (0,0) or A's mean) and
  // A's member farthest from that centre ((-3.6, 0.5) from (0,0); (3.5, +-0.5) from the mean).
  double a[2];
  s.mean_of(0, 1, a);
  const double candidates[][2] = {{-1.8, 0.25},
                                  {(a[0] - 3.6) / 2, (a[1] + 0.5) / 2},
                                  {(a[0] + 3.5) / 2, (a[1] + 0.5) / 2},
                                  {(a[0] + 3.5) / 2, (a[1] - 0.5) / 2}};
  bool matches = false;
  for (const auto& c : candidates)
    matches = matches || (std::fabs(static_cast<double>(x) - c[0]) < 1e-5 &&
                          std::fabs(static_cast<double>(y) - c[1]) < 1e-5);
  INFO("split centre (" << x << ", " << y << ")");
  CHECK(matches);
  // The heaviest cluster keeps its own mean; B and P are untouched by the split.
  CHECK(one.centroids[0] == Approx(a[0]).margin(1e-6));
  CHECK(one.centroids[1] == Approx(a[1]).margin(1e-6));
  double bp[2];
  s.mean_of(2, 3, bp);
  CHECK(one.centroids[2] == Approx(bp[0]).epsilon(1e-6));
  CHECK(one.centroids[3] == Approx(bp[1]).epsilon(1e-6));
  // To convergence: A's two halves get a centre each, B and P share the third.
  tkt::fit_out f = fit_scene(s, empty_cluster_policy::split_largest, 300);
  REQUIRE(f.st == status::ok);
  CHECK(f.result.empty_clusters > 0);
  CHECK(f.result.converged);
  const std::int32_t map[4] = {0, 1, 2, 2};
  CHECK(tkt::adjusted_rand_index(tkt::predict_labels(f.view(), s.pts.data(), s.n, 2),
                                 s.grouped(map)) == 1.0);
}

TEST_CASE("fewer distinct points than k never produces NaN", "[empty]") {
  // 12 points, only 3 distinct positions; k = 5.
  const float distinct[] = {1, 2, -4, 0, 7, 7};
  std::vector<float> pts;
  for (std::size_t i = 0; i < 12; ++i) {
    pts.push_back(distinct[2 * (i % 3)]);
    pts.push_back(distinct[2 * (i % 3) + 1]);
  }
  const std::vector<float> user_start(10, 1.0f);  // five identical centres
  for (init_method init : {init_method::kmeans_plus_plus, init_method::random,
                           init_method::farthest_point, init_method::user})
    for (empty_cluster_policy pol :
         {empty_cluster_policy::keep, empty_cluster_policy::relocate_farthest,
          empty_cluster_policy::split_largest})
      for (std::uint32_t n_init : {1u, 3u}) {
        tinykm::fit_params p;
        p.k = 5;
        p.init = init;
        p.n_init = n_init;
        p.empty_cluster = pol;
        p.seed = 7;
        if (init == init_method::user) p.initial_centroids = user_start.data();
        tkt::fit_out f = tkt::run_fit(pts.data(), 12, 2, nullptr, p);
        INFO(tkt::init_name(init) << " / " << tkt::policy_name(pol) << " n_init " << n_init);
        REQUIRE(f.st == status::ok);
        CHECK(tkt::all_finite(f.centroids));
        CHECK(std::isfinite(f.result.inertia));
        CHECK(f.result.inertia >= 0.0);
        const std::vector<std::int32_t> l = tkt::predict_labels(f.view(), pts.data(), 12, 2);
        for (std::int32_t v : l) {
          CHECK(v >= 0);
          CHECK(v < 5);
        }
        double again = -1.0;
        REQUIRE(tinykm::inertia(f.view(), pts.data(), 12, 2, nullptr, &again) == status::ok);
        CHECK(again == Approx(f.result.inertia).margin(1e-9));
        if (init == init_method::kmeans_plus_plus || init == init_method::farthest_point ||
            pol == empty_cluster_policy::relocate_farthest) {
          // Every distinct position gets a centre: seeded there, or (at most 3 of the 5
          // centres can own points, so some are empty while a position is uncovered) moved
          // onto the farthest point, which lies at an uncovered position.
          CHECK(f.result.inertia == 0.0);
        }
        if (init == init_method::user) CHECK(f.result.empty_clusters > 0);
      }
}

TEST_CASE("all points identical", "[empty]") {
  const std::vector<float> pts(4 * 3, 2.5f);
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point})
    for (empty_cluster_policy pol :
         {empty_cluster_policy::keep, empty_cluster_policy::relocate_farthest,
          empty_cluster_policy::split_largest}) {
      tinykm::fit_params p;
      p.k = 4;
      p.init = init;
      p.empty_cluster = pol;
      tkt::fit_out f = tkt::run_fit(pts.data(), 4, 3, nullptr, p);
      INFO(tkt::init_name(init) << " / " << tkt::policy_name(pol));
      REQUIRE(f.st == status::ok);
      CHECK(tkt::all_finite(f.centroids));
      for (float c : f.centroids) CHECK(c == 2.5f);
      CHECK(f.result.inertia == 0.0);
    }
}

TEST_CASE("empty clusters are counted over every restart", "[empty]") {
  // 12 points at 3 positions and k = 5: at most 3 centres own points, so every restart meets
  // at least 2 empty clusters in its first iteration.
  std::vector<float> pts;
  for (std::size_t i = 0; i < 12; ++i) pts.push_back(static_cast<float>(i % 3) * 10.0f);
  for (empty_cluster_policy pol :
       {empty_cluster_policy::keep, empty_cluster_policy::relocate_farthest,
        empty_cluster_policy::split_largest}) {
    tinykm::fit_params p;
    p.k = 5;
    p.init = init_method::random;
    p.n_init = 6;
    p.empty_cluster = pol;
    tkt::fit_out f = tkt::run_fit(pts.data(), 12, 1, nullptr, p);
    INFO(tkt::policy_name(pol));
    REQUIRE(f.st == status::ok);
    CHECK(f.result.empty_clusters >= 2 * 6);
  }
}

TEST_CASE("relocate_farthest keeps every mean exact when weights span 2^-35..2^100", "[empty]") {
  // The donor cluster's sum is rebuilt from the members that stay: subtracting the moved
  // point's w x from it used to cancel most or all of the bits of what stayed.
  for (const tkt::heavy_relocation_case& c : tkt::heavy_relocation_cases()) {
    tinykm::fit_params p;
    p.k = 3;
    p.init = init_method::user;
    p.initial_centroids = c.start.data();
    p.empty_cluster = empty_cluster_policy::relocate_farthest;
    p.max_iter = 1;
    tkt::fit_out f = tkt::run_fit(c.points.data(), c.weights.size(), 2, c.weights.data(), p);
    INFO(c.what);
    REQUIRE(f.st == status::ok);
    CHECK(f.result.empty_clusters == 1);
    CHECK(f.centroids == c.expected);
  }
}
