// predict / transform / inertia / score (and the model fit() leaves behind) against a
// brute-force double-precision reference, on the awkward sizes of DESIGN.md §9.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

namespace {

const std::size_t kNs[] = {1, 3, 8, 11, 1000};
const std::size_t kDs[] = {1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 64};
const std::size_t kKs[] = {1, 2, 7, 16};

std::uint64_t case_seed(std::size_t n, std::size_t d, std::size_t k, std::uint64_t salt) {
  return (static_cast<std::uint64_t>(n) * 1000003u + static_cast<std::uint64_t>(d) * 1009u +
          static_cast<std::uint64_t>(k)) * 31u + salt;
}

std::vector<float> int_weights(std::size_t n, std::uint64_t seed) {
  tkt::rng r(seed);
  std::vector<float> w(n);
  for (float& x : w) x = static_cast<float>(r.int_in(1, 4));
  return w;
}

// Checks predict, inertia (unweighted and weighted), score and transform of `m` on the points
// against the double reference. exact: integer-valued data and centres, every float operation
// exact, so everything must match bit for bit. Otherwise labels may differ only on near ties
// (relative 1e-5) and sums within a relative 1e-5. Returns the number of mismatches.
std::size_t check_model(const tinykm::model_view& m, const std::vector<float>& points,
                        std::size_t n, std::size_t d, bool exact, std::uint64_t seed) {
  std::size_t bad = 0;
  const std::size_t k = m.k;
  const tkt::ref_assignment ref = tkt::ref_assign(points.data(), n, d, m.centroids, k);

  // predict
  const std::vector<std::int32_t> labels = tkt::predict_labels(m, points.data(), n, d);
  for (std::size_t i = 0; i < n; ++i) {
    if (labels[i] == ref.labels[i]) continue;
    const bool near_tie = ref.second[i] - ref.best[i] <= 1e-5 * ref.second[i];
    if (exact || !near_tie || labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= k) {
      UNSCOPED_INFO("label of point " << i << ": got " << labels[i] << ", reference "
                                      << ref.labels[i]);
      ++bad;
    }
  }

  // inertia and score, unweighted and with integer weights
  const std::vector<float> w = int_weights(n, seed ^ 0x5eedu);
  for (int weighted = 0; weighted < 2; ++weighted) {
    const float* wp = weighted ? w.data() : nullptr;
    double expect = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      expect += (wp ? static_cast<double>(wp[i]) : 1.0) * ref.best[i];
    double got = -1.0, sc = 1.0;
    const tinykm::status s1 = tinykm::inertia(m, points.data(), n, d, wp, &got);
    const tinykm::status s2 = tinykm::score(m, points.data(), n, d, wp, &sc);
    if (s1 != tinykm::status::ok || s2 != tinykm::status::ok) {
      UNSCOPED_INFO("inertia/score status " << tinykm::to_string(s1) << "/"
                                            << tinykm::to_string(s2));
      ++bad;
      continue;
    }
    const bool inertia_ok = exact ? got == expect
                                  : std::fabs(got - expect) <= 1e-5 * expect + 1e-12;
    if (!inertia_ok) {
      UNSCOPED_INFO("inertia (weighted=" << weighted << "): got " << got << ", reference "
                                         << expect);
      ++bad;
    }
    if (sc != -got) {
      UNSCOPED_INFO("score " << sc << " is not minus the inertia " << got);
      ++bad;
    }
  }

  // transform: Euclidean distances, row-major n x k
  std::vector<float> dist(n * k, -1.0f);
  if (tinykm::transform(m, points.data(), n, d, dist.data(), dist.size()) != tinykm::status::ok) {
    UNSCOPED_INFO("transform failed");
    return bad + 1;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const double r2 = tkt::ref_sqdist(points.data() + i * d, m.centroids + j * d, d);
      const float got = dist[i * k + j];
      bool ok;
      if (exact) {
        ok = got == static_cast<float>(std::sqrt(r2));
      } else {
        const double g2 = static_cast<double>(got) * static_cast<double>(got);
        ok = got >= 0.0f && std::fabs(g2 - r2) <= 1e-5 * r2 + 1e-9;
      }
      if (!ok) {
        UNSCOPED_INFO("transform[" << i << "][" << j << "]: got " << got << ", reference "
                                   << std::sqrt(r2));
        ++bad;
      }
    }
  return bad;
}

}  // namespace

TEST_CASE("predict inertia and transform are exact on integer data with hand-set centres",
          "[reference]") {
  for (std::size_t n : kNs)
    for (std::size_t d : kDs)
      for (std::size_t k : kKs) {
        const std::uint64_t seed = case_seed(n, d, k, 1);
        const std::vector<float> points = tkt::random_ints(n, d, -8, 8, seed);
        std::vector<float> centres = tkt::random_ints(k, d, -8, 8, seed + 7);
        // A duplicated centre makes exact ties: they must go to the lower index.
        if (k >= 3)
          for (std::size_t j = 0; j < d; ++j) centres[(k - 1) * d + j] = centres[1 * d + j];
        tkt::owned_model m(centres, k, d);
        INFO("n=" << n << " d=" << d << " k=" << k);
        CHECK(check_model(m.view, points, n, d, true, seed) == 0);
      }
}

TEST_CASE("ties go to the lowest centre index", "[reference]") {
  // Point 0 is equidistant from all four centres; point 1 from centres 1 and 3 only.
  const std::vector<float> centres = {1, 0, -1, 0, 0, 1, 0, -1};
  const std::vector<float> points = {0, 0, -1, -1};
  tkt::owned_model m(centres, 4, 2);
  const std::vector<std::int32_t> labels = tkt::predict_labels(m.view, points.data(), 2, 2);
  CHECK(labels[0] == 0);
  CHECK(labels[1] == 1);
  // All centres identical: everything goes to 0.
  const std::vector<float> same = {2, 2, 2, 2, 2, 2};
  tkt::owned_model m2(same, 3, 2);
  const std::vector<std::int32_t> l2 = tkt::predict_labels(m2.view, points.data(), 2, 2);
  CHECK(l2[0] == 0);
  CHECK(l2[1] == 0);
}

TEST_CASE("predict inertia and transform match the reference on random real data",
          "[reference]") {
  for (std::size_t n : kNs)
    for (std::size_t d : kDs)
      for (std::size_t k : kKs) {
        const std::uint64_t seed = case_seed(n, d, k, 2);
        const std::vector<float> points = tkt::random_reals(n, d, -1.0, 1.0, seed);
        const std::vector<float> centres = tkt::random_reals(k, d, -1.0, 1.0, seed + 7);
        tkt::owned_model m(centres, k, d);
        INFO("n=" << n << " d=" << d << " k=" << k);
        CHECK(check_model(m.view, points, n, d, false, seed) == 0);
      }
}

TEST_CASE("predict inertia and transform on planted integer blobs", "[reference]") {
  for (std::size_t n : kNs)
    for (std::size_t d : kDs)
      for (std::size_t k : kKs) {
        const std::uint64_t seed = case_seed(n, d, k, 3);
        const tkt::blobs b = tkt::make_int_blobs(n, d, k, seed);
        // The planted centres themselves (possibly duplicated: exact ties).
        tkt::owned_model m(b.centres, k, d);
        INFO("n=" << n << " d=" << d << " k=" << k);
        CHECK(check_model(m.view, b.points, n, d, true, seed) == 0);
      }
}

TEST_CASE("the model fit() returns agrees with the reference", "[reference][fit]") {
  for (std::size_t n : kNs)
    for (std::size_t d : kDs)
      for (std::size_t k : kKs) {
        if (k > n) continue;
        for (int kind = 0; kind < 2; ++kind) {
          const std::uint64_t seed = case_seed(n, d, k, 4u + static_cast<std::uint64_t>(kind));
          std::vector<float> points;
          if (kind == 0) {
            points = tkt::make_int_blobs(n, d, k, seed).points;
          } else {
            points = tkt::random_reals(n, d, -1.0, 1.0, seed);
          }
          tinykm::fit_params p;
          p.k = k;
          p.max_iter = 20;
          p.seed = seed;
          tkt::fit_out f = tkt::run_fit(points.data(), n, d, nullptr, p);
          INFO("n=" << n << " d=" << d << " k=" << k << (kind == 0 ? " int blobs" : " reals"));
          REQUIRE(f.st == tinykm::status::ok);
          REQUIRE(f.k == k);
          REQUIRE(f.d == d);
          REQUIRE(tkt::all_finite(f.centroids));
          CHECK(f.result.iterations >= 1);
          CHECK(f.result.iterations <= p.max_iter);
          const double ref =
              tkt::ref_inertia(points.data(), n, d, f.centroids.data(), k, nullptr);
          CHECK(std::fabs(f.result.inertia - ref) <= 1e-5 * ref + 1e-9);
          CHECK(check_model(f.view(), points, n, d, false, seed) == 0);
        }
      }
}

TEST_CASE("fit from user centres follows a reference Lloyd iteration", "[reference][fit]") {
  const std::size_t sizes_d[] = {1, 2, 3, 7, 16, 17};
  for (std::size_t d : sizes_d) {
    const tkt::blobs b = tkt::make_blobs({40, 25, 60, 10, 33}, d, 60.0, 10.0, 1.0, 100 + d);
    REQUIRE(b.separated);
    // Start every centre near (not on) its planted centre.
    std::vector<float> start(b.k * d);
    for (std::size_t i = 0; i < start.size(); ++i)
      start[i] = b.centres[i] + 0.75f * static_cast<float>(i % 3) - 0.6f;
    const std::vector<float> w = int_weights(b.n, d);
    for (int weighted = 0; weighted < 2; ++weighted) {
      const float* wp = weighted ? w.data() : nullptr;
      tinykm::fit_params p;
      p.k = b.k;
      p.init = tinykm::init_method::user;
      p.initial_centroids = start.data();
      p.tol = 0.0;
      p.max_iter = 100;
      p.empty_cluster = tinykm::empty_cluster_policy::keep;
      tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, d, wp, p);
      INFO("d=" << d << " weighted=" << weighted);
      REQUIRE(f.st == tinykm::status::ok);
      CHECK(f.result.converged);
      CHECK(f.result.empty_clusters == 0);
      const std::vector<float> ref =
          tkt::ref_lloyd(b.points.data(), b.n, d, wp, start.data(), b.k, 100);
      for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(f.centroids[i] ==
              Approx(ref[i]).epsilon(1e-5).margin(1e-5));
      CHECK(f.result.inertia ==
            Approx(tkt::ref_inertia(b.points.data(), b.n, d, ref.data(), b.k, wp))
                .epsilon(1e-5));
      CHECK(tkt::adjusted_rand_index(tkt::predict_labels(f.view(), b.points.data(), b.n, d),
                                     b.labels) == 1.0);
    }
  }
}

TEST_CASE("a single cluster is the (weighted) mean", "[reference][fit]") {
  const std::size_t n = 37, d = 5;
  const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 5.0, 77);
  const std::vector<float> w = tkt::random_reals(n, 1, 0.1, 4.0, 78);
  for (int weighted = 0; weighted < 2; ++weighted) {
    const float* wp = weighted ? w.data() : nullptr;
    for (tinykm::init_method init : {tinykm::init_method::kmeans_plus_plus,
                                     tinykm::init_method::random,
                                     tinykm::init_method::farthest_point}) {
      tinykm::fit_params p;
      p.k = 1;
      p.init = init;
      tkt::fit_out f = tkt::run_fit(pts.data(), n, d, wp, p);
      INFO(tkt::init_name(init) << " weighted=" << weighted);
      REQUIRE(f.st == tinykm::status::ok);
      double wsum = 0.0;
      for (std::size_t i = 0; i < n; ++i) wsum += wp ? static_cast<double>(wp[i]) : 1.0;
      for (std::size_t j = 0; j < d; ++j) {
        double s = 0.0;
        for (std::size_t i = 0; i < n; ++i)
          s += (wp ? static_cast<double>(wp[i]) : 1.0) * static_cast<double>(pts[i * d + j]);
        CHECK(static_cast<double>(f.centroids[j]) == Approx(s / wsum).epsilon(1e-6));
      }
      CHECK(f.result.inertia ==
            Approx(tkt::ref_inertia(pts.data(), n, d, f.centroids.data(), 1, wp)).epsilon(1e-6));
    }
  }
}

TEST_CASE("points need no particular alignment", "[reference]") {
  const std::size_t n = 50, d = 7, k = 3;
  const std::vector<float> aligned = tkt::random_ints(n, d, -8, 8, 5);
  std::vector<float> shifted(n * d + 1);
  std::copy(aligned.begin(), aligned.end(), shifted.begin() + 1);
  const float* pts = shifted.data() + 1;  // 4 bytes off the allocation's alignment
  tinykm::fit_params p;
  p.k = k;
  p.seed = 3;
  tkt::fit_out a = tkt::run_fit(aligned.data(), n, d, nullptr, p);
  tkt::fit_out b = tkt::run_fit(pts, n, d, nullptr, p, 3);
  REQUIRE(a.st == tinykm::status::ok);
  REQUIRE(b.st == tinykm::status::ok);
  CHECK(tkt::same_bits(a.centroids.data(), b.centroids.data(), a.centroids.size() * sizeof(float)));
  CHECK(a.result.inertia == b.result.inertia);
  CHECK(tkt::predict_labels(a.view(), pts, n, d) ==
        tkt::predict_labels(a.view(), aligned.data(), n, d));
}
