// Regression tests for what the fuzzers (fuzz/) found.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "backend_loop.hpp"
#include "kernels.hpp"
#include "test_support.hpp"

namespace kn = tinykm::kernels;

// fuzz_backends: with d 17 and values near 2047 (|values| < 2^11, which the contract used to
// call exact) squared distances pass 2^24 and hwy:AVX3's min_dist differed from scalar. The
// contract now says: exact while squared distances stay below 2^24. Data at that edge (values
// up to A with d (2A)^2 < 2^24, corners included) must give every backend the exact distances.
TEST_CASE("integer data is exact on every backend up to squared distances of 2^24",
          "[backends][fuzz]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    for (const std::size_t d : {1u, 2u, 5u, 16u, 17u, 20u, 33u}) {
      const int a = static_cast<int>(std::sqrt(16777215.0 / static_cast<double>(d)) / 2.0);
      INFO(kt.name() << " d " << d << " values up to " << a);
      const std::size_t n = 200, k = 19;
      std::vector<float> pts = tkt::random_ints(n, d, -a, a, d);
      std::vector<float> c = tkt::random_ints(k, d, -a, a, d + 1);
      for (std::size_t j = 0; j < d; ++j) {  // opposite corners: the largest distance there is
        pts.at(j) = static_cast<float>(a);
        c.at(j) = static_cast<float>(-a);
      }
      for (std::size_t i = 1; i < k; ++i) c.at(i * d) = static_cast<float>(-a);
      std::vector<float> prepared(kn::prepared_floats(k, d));
      kn::prepare_centroids(c.data(), k, d, prepared.data());
      for (const float* prep : {static_cast<const float*>(nullptr),
                                static_cast<const float*>(prepared.data())}) {
        std::vector<std::int32_t> labels(n);
        std::vector<float> min_dist(n);
        kt.assign(pts.data(), n, d, c.data(), prep, k, labels.data(), min_dist.data());
        for (std::size_t i = 0; i < n; ++i) {
          double best = -1.0;
          std::size_t best_c = 0;
          for (std::size_t j = 0; j < k; ++j) {
            double s = 0.0;
            for (std::size_t f = 0; f < d; ++f) {
              const double t = static_cast<double>(pts[i * d + f]) - static_cast<double>(c[j * d + f]);
              s += t * t;
            }
            if (best < 0.0 || s < best) {
              best = s;
              best_c = j;
            }
          }
          REQUIRE(best < 16777216.0);
          CHECK(static_cast<std::size_t>(labels[i]) == best_c);
          CHECK(static_cast<double>(min_dist[i]) == best);
        }
      }
    }
  });
}
