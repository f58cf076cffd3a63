// Every backend this build can run here against the scalar reference: identical labels and
// bit-identical distances and inertia on integer-valued data (where all float math is exact),
// bit-identical sums on any data, and identical whole fits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "backend_loop.hpp"
#include "kernels.hpp"
#include "lanes_support.hpp"
#include "test_support.hpp"

namespace kn = tinykm::kernels;

namespace {

// Centres with duplicates, so ties must go to the lowest index on every backend.
std::vector<float> centres_with_ties(std::size_t k, std::size_t d, std::uint64_t seed) {
  std::vector<float> c = tkt::random_ints(k, d, -8, 8, seed);
  for (std::size_t j = 2; j < k; j += 3)
    for (std::size_t f = 0; f < d; ++f) c[j * d + f] = c[(j - 2) * d + f];
  return c;
}

}  // namespace

TEST_CASE("assign, distances and min_distance match scalar exactly on integer data",
          "[backends]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    for (std::size_t n : {1u, 3u, 8u, 11u, 1000u})
      for (std::size_t d : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 15u, 16u, 17u, 31u, 64u, 128u})
        for (std::size_t k : {1u, 2u, 7u, 16u, 33u, 256u}) {
          if (n * k * d > 4000000) continue;  // keeps the suite fast under sanitizers
          INFO(kt.name() << " n " << n << " d " << d << " k " << k);
          const std::vector<float> pts = tkt::random_ints(n, d, -8, 8, n * 1000 + d);
          const std::vector<float> c = centres_with_ties(k, d, k * 7 + d);
          std::vector<float> prepared(kn::prepared_floats(k, d));
          kn::prepare_centroids(c.data(), k, d, prepared.data());
          // The reference is a double brute force, exact on this data, so scalar is checked
          // too (and the test asserts something in a scalar-only build).
          const tkt::ref_assignment ref = tkt::ref_assign(pts.data(), n, d, c.data(), k);
          std::vector<float> ref_m(n), m(n);
          for (std::size_t i = 0; i < n; ++i) ref_m[i] = static_cast<float>(ref.best[i]);
          const std::vector<std::int32_t>& ref_l = ref.labels;
          std::vector<std::int32_t> l(n);
          for (const float* prep : {static_cast<const float*>(nullptr),
                                    static_cast<const float*>(prepared.data())}) {
            kt.assign(pts.data(), n, d, c.data(), prep, k, l.data(), m.data());
            CHECK(l == ref_l);
            CHECK(tkt::same_bits(m.data(), ref_m.data(), n * sizeof(float)));
          }
          if (n * k <= 11 * 256) {
            std::vector<float> ref_all(n * k), all(n * k);
            for (std::size_t i = 0; i < n; ++i)
              for (std::size_t j = 0; j < k; ++j)
                ref_all[i * k + j] = static_cast<float>(tkt::ref_sqdist(&pts[i * d], &c[j * d], d));
            kt.distances(pts.data(), n, d, c.data(), k, all.data());
            CHECK(tkt::same_bits(all.data(), ref_all.data(), n * k * sizeof(float)));
          }
          std::vector<float> in = tkt::random_ints(n, 1, 0, 400, d), ref_out(n), out(n);
          for (std::size_t i = 0; i < n; ++i)
            ref_out[i] = std::min(in[i], static_cast<float>(tkt::ref_sqdist(&pts[i * d], c.data(), d)));
          kt.min_distance(pts.data(), n, d, c.data(), in.data(), out.data());
          CHECK(tkt::same_bits(out.data(), ref_out.data(), n * sizeof(float)));
        }
  });
}

TEST_CASE("lanes_nearest (streams) is bit-identical to scalar on real and integer data",
          "[backends]") {
  tkt::for_each_backend(
      [](const kn::kernel_table& kt) {
        const kn::lanes_kernels lk = kn::lanes_kernels_of(kt);
        tkt::check_lanes_nearest(kt.name(), lk.nearest, lk.one);
      });
}

TEST_CASE("lanes_nearest (streams) matches a double reference exactly on integer data",
          "[backends]") {
  // Independent of the scalar kernel, so scalar itself is checked: squared distances are exact
  // integers, the score is min over centres of float(sqrt(square)) - radius.
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    const kn::lanes_kernels lk = kn::lanes_kernels_of(kt);
    for (std::size_t d : {1u, 3u, 17u})
      for (std::size_t k : {1u, 9u, 70u}) {
        INFO(kt.name() << " d " << d << " k " << k);
        const std::size_t n = 41, kp = (k + kn::lanes_pad - 1) / kn::lanes_pad * kn::lanes_pad;
        const std::vector<float> x = tkt::random_ints(n, d, -8, 8, d * 31 + k);
        const std::vector<float> c = centres_with_ties(k, d, d * 37 + k);
        const std::vector<float> lanes = tkt::lanes_of(c, k, d, kp);
        std::vector<float> radius = tkt::random_ints(kp, 1, 0, 4, k);
        const tkt::ref_assignment ref = tkt::ref_assign(x.data(), n, d, c.data(), k);
        std::vector<std::int32_t> labels(n);
        std::vector<float> squares(n), scores(n);
        lk.nearest(x.data(), n, d, lanes.data(), radius.data(), kp, labels.data(), squares.data(),
                   scores.data());
        CHECK(labels == ref.labels);
        for (std::size_t i = 0; i < n; ++i) {
          float score = std::numeric_limits<float>::infinity();
          for (std::size_t j = 0; j < k; ++j)
            score = std::min(score, std::sqrt(static_cast<float>(tkt::ref_sqdist(
                                        &x[i * d], &c[j * d], d))) - radius[j]);
          kn::lanes_hit one{};
          lk.one(&x[i * d], d, lanes.data(), radius.data(), kp, &one);
          CHECK(squares[i] == static_cast<float>(ref.best[i]));
          CHECK(scores[i] == score);
          CHECK(one.label == ref.labels[i]);
          CHECK(one.square == squares[i]);
          CHECK(one.score == score);
        }
      }
  });
}

TEST_CASE("accumulate is bit-identical to scalar on real-valued data", "[backends]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    for (std::size_t d : {1u, 2u, 3u, 4u, 5u, 8u, 16u, 17u, 64u}) {
      const std::size_t n = 777, k = 9;
      INFO(kt.name() << " d " << d);
      const std::vector<float> pts = tkt::random_reals(n, d, -100.0, 100.0, d);
      const std::vector<float> w = tkt::random_reals(n, 1, 0.1, 3.0, d + 1);
      std::vector<std::int32_t> labels(n);
      tkt::rng r(d);
      for (std::int32_t& l : labels) l = static_cast<std::int32_t>(r.below(k));
      for (const float* weights : {static_cast<const float*>(nullptr), w.data()}) {
        // Non-zero starting sums: accumulate adds to what is there.
        std::vector<double> ref_s(k * d, 0.5), s(k * d, 0.5), ref_w(k, 1.0), ws(k, 1.0);
        kn::accumulate_scalar(pts.data(), weights, n, d, labels.data(), ref_s.data(),
                              ref_w.data());
        kt.accumulate(pts.data(), weights, n, d, labels.data(), s.data(), ws.data());
        CHECK(tkt::same_bits(s.data(), ref_s.data(), k * d * sizeof(double)));
        CHECK(tkt::same_bits(ws.data(), ref_w.data(), k * sizeof(double)));
      }
    }
  });
}

TEST_CASE("whole fits are bit-identical across backends on integer data", "[backends]") {
  const tkt::blobs b = tkt::make_int_blobs(3000, 6, 12, 5);
  // One Lloyd step from integer centres is exact: every backend, scalar included, must give
  // the double-precision reference's centres to the bit.
  const std::vector<float> start(b.points.data(), b.points.data() + 12 * b.d);
  const std::vector<float> exact =
      tkt::ref_lloyd(b.points.data(), b.n, b.d, nullptr, start.data(), 12, 1);
  const tinykm::init_method inits[] = {tinykm::init_method::kmeans_plus_plus,
                                       tinykm::init_method::farthest_point,
                                       tinykm::init_method::user};
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<float>>> results;  // [backend][init]
  std::vector<std::vector<double>> inertias;
  tkt::for_each_backend([&](const kn::kernel_table& kt) {
    names.push_back(kt.name());
    results.emplace_back();
    inertias.emplace_back();
    for (tinykm::init_method init : inits) {
      INFO(kt.name() << " " << tkt::init_name(init));
      tinykm::fit_params p;
      p.k = 12;
      p.init = init;
      p.n_init = 2;
      p.initial_centroids = start.data();
      p.empty_cluster = tinykm::empty_cluster_policy::keep;  // as ref_lloyd
      // Integer data stays exact only until the first mean: the seeding and one Lloyd step are
      // exact on every backend, so the centres must match bit for bit. The final inertia is
      // measured against those (non-integer) means, where summation order may differ.
      p.max_iter = 1;
      const tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
      REQUIRE(f.st == tinykm::status::ok);
      if (init == tinykm::init_method::user) CHECK(f.centroids == exact);
      results.back().push_back(f.centroids);
      inertias.back().push_back(f.result.inertia);
    }
  });
  // The first table is the scalar reference; every other backend must give its fits.
  REQUIRE(names.size() >= 1 + TINYKM_HAVE_HWY + TINYKM_HAVE_XSIMD);
  CHECK(names[0] == "scalar");
  for (std::size_t t = 1; t < results.size(); ++t)
    for (std::size_t i = 0; i < results[t].size(); ++i) {
      INFO(names[t] << " " << tkt::init_name(inits[i]));
      CHECK(results[t][i] == results[0][i]);
      CHECK(inertias[t][i] == Approx(inertias[0][i]).epsilon(1e-6));
    }
}
