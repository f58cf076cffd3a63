// Every backend this build can run here against the scalar reference: identical labels and
// bit-identical distances and inertia on integer-valued data (where all float math is exact),
// bit-identical sums on any data, and identical whole fits.
#include <catch2/catch.hpp>

#include <vector>

#include "backend_loop.hpp"
#include "kernels/kernels.hpp"
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
          std::vector<std::int32_t> ref_l(n), l(n);
          std::vector<float> ref_m(n), m(n);
          kn::assign_scalar(pts.data(), n, d, c.data(), nullptr, k, ref_l.data(), ref_m.data());
          for (const float* prep : {static_cast<const float*>(nullptr),
                                    static_cast<const float*>(prepared.data())}) {
            kt.assign(pts.data(), n, d, c.data(), prep, k, l.data(), m.data());
            CHECK(l == ref_l);
            CHECK(tkt::same_bits(m.data(), ref_m.data(), n * sizeof(float)));
          }
          if (n * k <= 11 * 256) {
            std::vector<float> ref_all(n * k), all(n * k);
            kn::distances_scalar(pts.data(), n, d, c.data(), k, ref_all.data());
            kt.distances(pts.data(), n, d, c.data(), k, all.data());
            CHECK(tkt::same_bits(all.data(), ref_all.data(), n * k * sizeof(float)));
          }
          std::vector<float> in = tkt::random_ints(n, 1, 0, 400, d), ref_out(n), out(n);
          kn::min_distance_scalar(pts.data(), n, d, c.data(), in.data(), ref_out.data());
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
  std::vector<std::vector<float>> results;
  std::vector<double> inertias;
  tkt::for_each_backend([&](const kn::kernel_table& kt) {
    for (tinykm::init_method init :
         {tinykm::init_method::kmeans_plus_plus, tinykm::init_method::farthest_point}) {
      INFO(kt.name() << " " << tkt::init_name(init));
      tinykm::fit_params p;
      p.k = 12;
      p.init = init;
      p.n_init = 2;
      // Integer data stays exact only until the first mean: the seeding and one Lloyd step are
      // exact on every backend, so the centres must match bit for bit. The final inertia is
      // measured against those (non-integer) means, where summation order may differ.
      p.max_iter = 1;
      const tkt::fit_out f = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
      REQUIRE(f.st == tinykm::status::ok);
      results.push_back(f.centroids);
      inertias.push_back(f.result.inertia);
    }
  });
  for (std::size_t i = 2; i < results.size(); ++i) {
    CHECK(results[i] == results[i % 2]);
    CHECK(inertias[i] == Approx(inertias[i % 2]).epsilon(1e-6));
  }
}
