// Initialisation: every method finds well-separated planted clusters, k-means++ beats random
// starts, random init draws distinct points, and the seed alone decides the result.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;

namespace {

// Recovered clustering of the planted labels, measured by the adjusted Rand index.
double fit_ari(const tkt::blobs& b, const tinykm::fit_params& p) {
  tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
  if (f.st != tinykm::status::ok) return -1.0;
  return tkt::adjusted_rand_index(tkt::predict_labels(f.view(), b.points.data(), b.n, b.d),
                                  b.labels);
}

// Every centroid row equals some row of points (bit for bit), and no two rows pick the same
// point index. Returns false otherwise.
bool rows_are_distinct_points(const std::vector<float>& c, std::size_t k,
                              const std::vector<float>& pts, std::size_t n, std::size_t d) {
  std::vector<bool> used(n, false);
  for (std::size_t j = 0; j < k; ++j) {
    bool found = false;
    for (std::size_t i = 0; i < n && !found; ++i)
      if (!used[i] && tkt::same_bits(&c[j * d], &pts[i * d], d * sizeof(float))) {
        used[i] = true;
        found = true;
      }
    if (!found) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("every init recovers well-separated planted blobs", "[init]") {
  // k = 5, d = 3, 200 points, blob std 0.1, centres at least 10 apart.
  const tkt::blobs b = tkt::make_blobs({40, 40, 40, 40, 40}, 3, 30.0, 10.0, 0.1, 11);
  REQUIRE(b.separated);
  REQUIRE(b.n == 200);

  SECTION("k-means++ and farthest point, one restart") {
    for (init_method m : {init_method::kmeans_plus_plus, init_method::farthest_point})
      for (std::uint64_t seed = 0; seed < 5; ++seed) {
        tinykm::fit_params p;
        p.k = 5;
        p.init = m;
        p.seed = seed;
        INFO("init " << static_cast<int>(m) << " seed " << seed);
        CHECK(fit_ari(b, p) == 1.0);
      }
  }
  SECTION("user") {
    std::vector<float> start = b.centres;
    for (std::size_t i = 0; i < start.size(); ++i)
      start[i] += (i % 2 ? 1.5f : -1.0f);  // well off the planted centres, still nearest
    tinykm::fit_params p;
    p.k = 5;
    p.init = init_method::user;
    p.initial_centroids = start.data();
    CHECK(fit_ari(b, p) == 1.0);
  }
  SECTION("random with restarts") {
    // One random start hits all three of three equal blobs with probability 2/9, so 40
    // restarts all miss with probability < 1e-4 per seed.
    const tkt::blobs b3 = tkt::make_blobs({60, 60, 60}, 3, 30.0, 10.0, 0.1, 12);
    REQUIRE(b3.separated);
    for (std::uint64_t seed = 0; seed < 3; ++seed) {
      tinykm::fit_params p;
      p.k = 3;
      p.init = init_method::random;
      p.n_init = 40;
      p.seed = seed;
      INFO("seed " << seed);
      CHECK(fit_ari(b3, p) == 1.0);
    }
    // And with the 5 blobs, random starts with many restarts still give a valid result.
    tinykm::fit_params p;
    p.k = 5;
    p.init = init_method::random;
    p.n_init = 10;
    tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
    REQUIRE(f.st == tinykm::status::ok);
    CHECK(f.result.best_init < 10);
    CHECK(tkt::all_finite(f.centroids));
  }
}

TEST_CASE("farthest-point init always gives an isolated outlier its own centre", "[init]") {
  tkt::blobs b = tkt::make_blobs({100, 100}, 1, 0.0, 0.0, 1.0, 13);
  // make_blobs with box 0 puts both centres at 0; shift the second blob to 20, add an outlier.
  for (std::size_t i = 0; i < b.n; ++i)
    if (b.labels[i] == 1) b.points[i] += 20.0f;
  b.points.push_back(1000.0f);
  b.labels.push_back(2);
  b.n += 1;
  b.k = 3;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    tinykm::fit_params p;
    p.k = 3;
    p.init = init_method::farthest_point;
    p.seed = seed;
    INFO("seed " << seed);
    CHECK(fit_ari(b, p) == 1.0);
  }
}

TEST_CASE("k-means++ with restarts is at least as good as a random start", "[init]") {
  // A hard case: 20 blobs of very unequal sizes in the plane, some fairly close.
  std::vector<std::size_t> sizes;
  for (std::size_t c = 0; c < 20; ++c) sizes.push_back(5 + (c * 37) % 60);
  const tkt::blobs b = tkt::make_blobs(sizes, 2, 50.0, 6.0, 1.0, 14);
  REQUIRE(b.separated);
  double pp = 0.0, pp1 = 0.0, rnd = 0.0;
  const int seeds = 8;
  for (int s = 0; s < seeds; ++s) {
    tinykm::fit_params p;
    p.k = 20;
    p.seed = static_cast<std::uint64_t>(s);
    p.init = init_method::kmeans_plus_plus;
    p.n_init = 10;
    tkt::fit_out a = tkt::run_fit(b.points.data(), b.n, 2, nullptr, p);
    p.n_init = 1;
    tkt::fit_out a1 = tkt::run_fit(b.points.data(), b.n, 2, nullptr, p);
    p.init = init_method::random;
    tkt::fit_out r = tkt::run_fit(b.points.data(), b.n, 2, nullptr, p);
    REQUIRE(a.st == tinykm::status::ok);
    REQUIRE(a1.st == tinykm::status::ok);
    REQUIRE(r.st == tinykm::status::ok);
    CHECK(a.result.best_init < 10);
    pp += a.result.inertia;
    pp1 += a1.result.inertia;
    rnd += r.result.inertia;
  }
  INFO("mean inertia: k-means++ x10 " << pp / seeds << ", k-means++ x1 " << pp1 / seeds
                                      << ", random x1 " << rnd / seeds);
  CHECK(pp <= rnd);
  CHECK(pp <= pp1);
  CHECK(pp1 <= rnd);
}

TEST_CASE("with k == n every init puts one centre on each point", "[init]") {
  const std::size_t n = 16, d = 3;
  const std::vector<float> pts = tkt::random_ints(n, d, -50, 50, 21);  // distinct w.h.p.
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j)
      REQUIRE_FALSE(tkt::same_bits(&pts[i * d], &pts[j * d], d * sizeof(float)));
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point}) {
    for (std::uint64_t seed = 0; seed < 8; ++seed) {
      tinykm::fit_params p;
      p.k = n;
      p.init = init;
      p.seed = seed;
      p.empty_cluster = empty_cluster_policy::keep;
      tkt::fit_out f = tkt::run_fit(pts.data(), n, d, nullptr, p);
      INFO(tkt::init_name(init) << " seed " << seed);
      REQUIRE(f.st == tinykm::status::ok);
      CHECK(f.result.inertia == 0.0);
      CHECK(f.result.empty_clusters == 0);
      CHECK(rows_are_distinct_points(f.centroids, n, pts, n, d));
    }
  }
}

TEST_CASE("random init draws k distinct data points", "[init]") {
  // 30 points 10 apart on a line. If two starting centres were the same point, the second
  // would own no point in the first iteration (ties go to the lower index) and be reported
  // as empty; with distinct points every centre owns at least its own point.
  const std::size_t n = 30;
  std::vector<float> pts(n);
  for (std::size_t i = 0; i < n; ++i) pts[i] = 10.0f * static_cast<float>(i);
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    tinykm::fit_params p;
    p.k = 10;
    p.init = init_method::random;
    p.max_iter = 1;
    p.seed = seed;
    p.empty_cluster = empty_cluster_policy::keep;
    tkt::fit_out f = tkt::run_fit(pts.data(), n, 1, nullptr, p);
    INFO("seed " << seed);
    REQUIRE(f.st == tinykm::status::ok);
    CHECK(f.result.empty_clusters == 0);
    // After one Lloyd step each centre is the mean of a run of neighbouring grid points.
    for (std::size_t j = 0; j < p.k; ++j) {
      CHECK(f.centroids[j] >= 0.0f);
      CHECK(f.centroids[j] <= 290.0f);
    }
  }
}

TEST_CASE("same seed gives bit-identical results", "[init][determinism]") {
  const std::size_t n = 400, d = 5;
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 31);
  const std::vector<float> w = tkt::random_reals(n, 1, 0.5, 2.0, 32);
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point}) {
    for (int weighted = 0; weighted < 2; ++weighted) {
      tinykm::fit_params p;
      p.k = 9;
      p.init = init;
      p.n_init = 3;
      p.seed = 12345;
      const float* wp = weighted ? w.data() : nullptr;
      tkt::fit_out a = tkt::run_fit(pts.data(), n, d, wp, p);
      tkt::fit_out b = tkt::run_fit(pts.data(), n, d, wp, p, 5);  // unaligned workspace
      INFO(tkt::init_name(init) << " weighted=" << weighted);
      REQUIRE(a.st == tinykm::status::ok);
      REQUIRE(b.st == tinykm::status::ok);
      CHECK(tkt::same_bits(a.centroids.data(), b.centroids.data(),
                           a.centroids.size() * sizeof(float)));
      CHECK(tkt::same_bits(&a.result.inertia, &b.result.inertia, sizeof(double)));
      CHECK(a.result.iterations == b.result.iterations);
      CHECK(a.result.best_init == b.result.best_init);
      CHECK(a.result.converged == b.result.converged);
      CHECK(a.result.empty_clusters == b.result.empty_clusters);
    }
  }
}

TEST_CASE("different seeds explore different local minima", "[init][determinism]") {
  // Uniform data has many local minima of k-means.
  const std::size_t n = 300, d = 2;
  const std::vector<float> pts = tkt::random_reals(n, d, 0.0, 1.0, 41);
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point}) {
    tinykm::fit_params p;
    p.k = 12;
    p.init = init;
    p.seed = 0;
    tkt::fit_out base = tkt::run_fit(pts.data(), n, d, nullptr, p);
    REQUIRE(base.st == tinykm::status::ok);
    int differing = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      p.seed = seed;
      tkt::fit_out f = tkt::run_fit(pts.data(), n, d, nullptr, p);
      REQUIRE(f.st == tinykm::status::ok);
      if (!tkt::same_bits(f.centroids.data(), base.centroids.data(),
                          f.centroids.size() * sizeof(float)))
        ++differing;
    }
    INFO(tkt::init_name(init));
    CHECK(differing >= 3);
  }
}

TEST_CASE("user init ignores n_init and the seed", "[init]") {
  const tkt::blobs b = tkt::make_blobs({30, 50, 20}, 4, 10.0, 5.0, 0.5, 51);
  std::vector<float> start(b.points.begin(), b.points.begin() + 3 * 4);
  tinykm::fit_params p;
  p.k = 3;
  p.init = init_method::user;
  p.initial_centroids = start.data();
  p.n_init = 1;
  p.seed = 1;
  tkt::fit_out a = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
  p.n_init = 7;
  p.seed = 99;
  tkt::fit_out c = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
  REQUIRE(a.st == tinykm::status::ok);
  REQUIRE(c.st == tinykm::status::ok);
  CHECK(c.result.best_init == 0);
  CHECK(tkt::same_bits(a.centroids.data(), c.centroids.data(),
                       a.centroids.size() * sizeof(float)));
  CHECK(a.result.inertia == c.result.inertia);
  CHECK(a.result.iterations == c.result.iterations);
  // The initial centroids are only read.
  CHECK(tkt::same_bits(start.data(), b.points.data(), start.size() * sizeof(float)));
}

TEST_CASE("static_model fit overload fits and records the shape", "[init]") {
  const tkt::blobs b = tkt::make_blobs({20, 20, 20}, 2, 10.0, 6.0, 0.2, 61);
  REQUIRE(b.separated);
  tinykm::static_model<8, 4> m;
  tinykm::fit_params p;
  p.k = 3;
  const std::size_t ws_bytes = tinykm::fit_workspace_size(p, b.n, b.d);
  std::vector<unsigned char> ws(ws_bytes);
  tinykm::fit_result r;
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m, ws.data(), ws_bytes, &r) ==
          tinykm::status::ok);
  CHECK(m.k == 3);
  CHECK(m.d == 2);
  CHECK(tkt::adjusted_rand_index(tkt::predict_labels(m.view(), b.points.data(), b.n, b.d),
                                 b.labels) == 1.0);
  // The fit itself and the result also agree with a model_view fit.
  tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
  REQUIRE(f.st == tinykm::status::ok);
  CHECK(tkt::same_bits(m.centroids, f.centroids.data(), 6 * sizeof(float)));
  CHECK(r.inertia == f.result.inertia);
}

TEST_CASE("restarts keep the lowest inertia", "[init][restarts]") {
  // 20 unequal blobs: single random starts often merge blobs, so the best of many restarts is
  // clearly better than one start.
  std::vector<std::size_t> sizes;
  for (std::size_t c = 0; c < 20; ++c) sizes.push_back(5 + (c * 37) % 60);
  const tkt::blobs b = tkt::make_blobs(sizes, 2, 50.0, 6.0, 1.0, 15);
  REQUIRE(b.separated);
  double one = 0.0, many = 0.0;
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    tinykm::fit_params p;
    p.k = 20;
    p.init = init_method::random;
    p.seed = seed;
    tkt::fit_out a = tkt::run_fit(b.points.data(), b.n, 2, nullptr, p);
    p.seed = seed + 1000;
    p.n_init = 20;
    tkt::fit_out m = tkt::run_fit(b.points.data(), b.n, 2, nullptr, p);
    REQUIRE(a.st == tinykm::status::ok);
    REQUIRE(m.st == tinykm::status::ok);
    one += a.result.inertia;
    many += m.result.inertia;
  }
  INFO("mean inertia: 1 restart " << one / 8 << ", best of 20 " << many / 8);
  CHECK(many < 0.9 * one);
}

TEST_CASE("adding restarts never makes the result worse", "[init][restarts]") {
  // Restart r is seeded independently of n_init (tinykm/params.hpp: detail::restart_seed), so fitting with
  // n_init = m + 1 sees the same m restarts plus one: its inertia can only go down, and when it
  // does the new restart (index m) is the winner.
  const std::vector<float> pts = tkt::random_reals(300, 2, 0.0, 1.0, 16);
  for (init_method init :
       {init_method::kmeans_plus_plus, init_method::random, init_method::farthest_point}) {
    double prev = 0.0;
    for (std::uint32_t m = 1; m <= 6; ++m) {
      tinykm::fit_params p;
      p.k = 10;
      p.init = init;
      p.n_init = m;
      p.seed = 77;
      tkt::fit_out f = tkt::run_fit(pts.data(), 300, 2, nullptr, p);
      INFO(tkt::init_name(init) << " n_init " << m);
      REQUIRE(f.st == tinykm::status::ok);
      CHECK(f.result.best_init < m);
      if (m > 1) {
        CHECK(f.result.inertia <= prev);
        if (f.result.inertia < prev) CHECK(f.result.best_init == m - 1);
      }
      prev = f.result.inertia;
    }
  }
}
