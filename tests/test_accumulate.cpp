// The accumulate rule of kernels.hpp, exercised directly: the lane rule (d <= 4, labels below
// accumulate_lanes_max_k, no weights) and the point-order rule around it, on every backend, on
// real-valued data where any change of summation order would show in the bits.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "backend_loop.hpp"
#include "kernels.hpp"
#include "test_support.hpp"

namespace kn = tinykm::kernels;

namespace {

std::vector<std::int32_t> random_labels(std::size_t n, std::size_t k, std::uint64_t seed) {
  tkt::rng r(seed);
  std::vector<std::int32_t> labels(n);
  for (std::int32_t& l : labels) l = static_cast<std::int32_t>(r.below(k));
  // Runs of one label, as in time-ordered data, and the largest label present.
  for (std::size_t i = n / 3; i < n / 3 + n / 4; ++i) labels[i] = labels[n / 3];
  labels[n / 2] = static_cast<std::int32_t>(k - 1);
  return labels;
}

}  // namespace

TEST_CASE("accumulate rule: every backend bit-identical to scalar on real data", "[accumulate]") {
  constexpr std::size_t bound = kn::accumulate_lanes_max_k;
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    for (std::size_t d = 1; d <= 5; ++d)
      for (std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{8}, bound, bound + 1})
        for (std::size_t n : {1u, 15u, 17u, 255u, 257u, 600u}) {
          INFO(kt.name() << " d " << d << " k " << k << " n " << n);
          const std::vector<float> pts = tkt::random_reals(n, d, -50.0, 50.0, 10 * d + k);
          const std::vector<float> w = tkt::random_reals(n, 1, 0.1, 3.0, n);
          const std::vector<std::int32_t> labels = random_labels(n, k, n + k);
          for (const float* weights : {static_cast<const float*>(nullptr), w.data()}) {
            // Non-zero starting sums: accumulate adds to what is there.
            std::vector<double> ref_s(k * d, 0.25), s(k * d, 0.25), ref_w(k, 2.0), ws(k, 2.0);
            kn::accumulate_scalar(pts.data(), weights, n, d, labels.data(), ref_s.data(),
                                  ref_w.data());
            kt.accumulate(pts.data(), weights, n, d, labels.data(), s.data(), ws.data());
            CHECK(tkt::same_bits(s.data(), ref_s.data(), k * d * sizeof(double)));
            CHECK(tkt::same_bits(ws.data(), ref_w.data(), k * sizeof(double)));
          }
        }
  });
}

// Past the lane rule's d (digits: d = 64, k = 10; embed-128d: k = 256): the point-order rule,
// every feature's chain in point order, with full vectors, 2-lane vectors and scalar tails.
TEST_CASE("accumulate point-order rule at larger d: every backend bit-identical to scalar",
          "[accumulate]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    for (std::size_t d : {8u, 9u, 17u, 64u, 67u})
      for (std::size_t k : {1u, 10u, 64u, 256u, 257u})
        for (std::size_t n : {1u, 255u, 257u, 700u}) {
          INFO(kt.name() << " d " << d << " k " << k << " n " << n);
          const std::vector<float> pts = tkt::random_reals(n, d, -50.0, 50.0, 7 * d + k);
          const std::vector<std::int32_t> labels = random_labels(n, k, n + 3 * k);
          std::vector<double> ref_s(k * d, 0.25), s(k * d, 0.25), ref_w(k, 2.0), ws(k, 2.0);
          kn::accumulate_scalar(pts.data(), nullptr, n, d, labels.data(), ref_s.data(),
                                ref_w.data());
          kt.accumulate(pts.data(), nullptr, n, d, labels.data(), s.data(), ws.data());
          CHECK(tkt::same_bits(s.data(), ref_s.data(), k * d * sizeof(double)));
          CHECK(tkt::same_bits(ws.data(), ref_w.data(), k * sizeof(double)));
        }
  });
}

TEST_CASE("accumulate lane rule: within its stated bound of a long double sum", "[accumulate]") {
  const std::size_t n = 1000, k = kn::accumulate_lanes_max_k;
  for (std::size_t d = 1; d <= kn::accumulate_lanes_max_d; ++d) {
    INFO("d " << d);
    const std::vector<float> pts = tkt::random_reals(n, d, -1000.0, 1000.0, d);
    const std::vector<std::int32_t> labels = random_labels(n, k, d);
    std::vector<double> s(k * d, 0.0), ws(k, 0.0);
    kn::accumulate_scalar(pts.data(), nullptr, n, d, labels.data(), s.data(), ws.data());
    std::vector<long double> exact(k * d, 0.0L), magnitude(k * d, 0.0L);
    std::vector<double> count(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(labels[i]);
      count[c] += 1.0;
      for (std::size_t j = 0; j < d; ++j) {
        exact[c * d + j] += static_cast<long double>(pts[i * d + j]);
        magnitude[c * d + j] += std::fabs(static_cast<long double>(pts[i * d + j]));
      }
    }
    // kernels.hpp: each float lane sum is off by at most ~15 * 2^-24 of its points' |x|.
    for (std::size_t r = 0; r < k * d; ++r)
      CHECK(std::fabs(static_cast<long double>(s[r]) - exact[r]) <=
            16.0L * std::ldexp(1.0L, -24) * magnitude[r]);
    CHECK(tkt::same_bits(ws.data(), count.data(), k * sizeof(double)));
  }
}

TEST_CASE("accumulate lane rule: exact on integer data", "[accumulate]") {
  const std::size_t n = 777, k = 5, d = 3;
  const std::vector<float> pts = tkt::random_ints(n, d, -100000, 100000, 7);
  const std::vector<std::int32_t> labels = random_labels(n, k, 7);
  std::vector<double> s(k * d, 0.0), ws(k, 0.0), exact(k * d, 0.0);
  kn::accumulate_scalar(pts.data(), nullptr, n, d, labels.data(), s.data(), ws.data());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j)
      exact[static_cast<std::size_t>(labels[i]) * d + j] += static_cast<double>(pts[i * d + j]);
  CHECK(tkt::same_bits(s.data(), exact.data(), k * d * sizeof(double)));
}
