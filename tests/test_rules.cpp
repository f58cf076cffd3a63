// Rules the README states in closed form, pinned against that form (mutants that changed them
// left the rest of the suite green): the tol rule (stop when the summed squared centre shift is
// <= tol x the mean per-feature variance, scikit-learn's) and k-means++'s 2 + floor(ln k)
// candidates per centre.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

#include "test_support.hpp"
#include "workspace.hpp"

TEST_CASE("rules: tol is relative to the mean per-feature variance", "[rules]") {
  const tkt::blobs b = tkt::make_int_blobs(600, 4, 5, 3);
  const std::size_t n = b.n, d = b.d, k = 6;
  const auto x = [&b](std::size_t i, std::size_t j) {
    return static_cast<double>(b.points[i * b.d + j]);
  };
  std::vector<double> mean(d, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) mean[j] += x(i, j) / static_cast<double>(n);
  double variance = 0.0;  // mean over the features of each feature's variance
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j)
      variance += std::pow(x(i, j) - mean[j], 2) / static_cast<double>(n * d);
  // The shift of each pass of plain Lloyd from the first k points (fit's passes on this
  // integer data: ties and sums as the reference's).
  const std::vector<float> start(b.points.data(), b.points.data() + k * d);
  std::vector<double> shifts;
  std::vector<float> c = start;
  for (int pass = 0; pass < 100; ++pass) {
    const std::vector<float> next = tkt::ref_lloyd(b.points.data(), n, d, nullptr, c.data(), k, 1);
    double shift = 0.0;
    for (std::size_t f = 0; f < k * d; ++f)
      shift += std::pow(static_cast<double>(next[f]) - static_cast<double>(c[f]), 2);
    c = next;
    if (shift == 0.0) break;
    shifts.push_back(shift);
  }
  REQUIRE(shifts.size() >= 3);
  for (std::size_t m = 1; m < shifts.size(); ++m) {
    if (!(shifts[m] < shifts[m - 1])) continue;  // tol between two falling shifts: stop at m
    INFO("pass " << m + 1 << ", shifts " << shifts[m - 1] << " then " << shifts[m]);
    tinykm::fit_params p;
    p.k = k;
    p.init = tinykm::init_method::user;
    p.initial_centroids = start.data();
    p.empty_cluster = tinykm::empty_cluster_policy::keep;
    p.tol = std::sqrt(shifts[m - 1] * shifts[m]) / variance;
    bool earlier = false;  // an earlier pass already under the threshold stops there
    for (std::size_t e = 0; e < m; ++e) earlier = earlier || shifts[e] <= p.tol * variance;
    if (earlier) continue;
    const tkt::fit_out f = tkt::run_fit(b.points.data(), n, d, nullptr, p);
    REQUIRE(f.st == tinykm::status::ok);
    CHECK(f.result.iterations == m + 1);
    CHECK(f.result.converged);
  }
}

TEST_CASE("rules: k-means++ draws 2 + floor(ln k) candidates per centre", "[rules]") {
  for (std::size_t k = 1; k <= tinykm::max_k; ++k) {
    INFO("k " << k);
    REQUIRE(tinykm::detail::kmeans_plus_plus_trials(k) ==
            2 + static_cast<std::size_t>(std::floor(std::log(static_cast<double>(k)))));
  }
}
