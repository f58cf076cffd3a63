// Stepped batch k-means (lloyd_steps.hpp): same centres as fit(), bounded work per call, and
// bad input.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "test_support.hpp"

using tinykm::status;

namespace {

struct stepped_run {
  std::vector<float> centres;
  std::uint32_t iterations = 0;
  std::size_t calls = 0;
};

stepped_run run_steps(const std::vector<float>& x, std::size_t n, std::size_t d, std::size_t k,
                      const std::vector<float>& start, std::uint32_t max_iter,
                      std::size_t max_points) {
  stepped_run out;
  out.centres = start;
  const tinykm::model_view model{out.centres.data(), out.centres.size(), k, d};
  std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(k, d) + 1);
  tinykm::lloyd_stepper st;
  REQUIRE(tinykm::lloyd_begin(x.data(), n, d, nullptr, model, max_iter, 0.0, ws.data() + 1,
                              ws.size() - 1, &st) == status::ok);
  bool done = false;
  while (!done) {
    REQUIRE(tinykm::lloyd_step(st, max_points, &done) == status::ok);
    ++out.calls;
  }
  out.iterations = st.iterations;
  return out;
}

}  // namespace

TEST_CASE("lloyd_step: stepped passes give fit()'s centres on integer data", "[lloyd_steps]") {
  const std::size_t d = 3, k = 5;
  for (const std::size_t n : {std::size_t{40}, std::size_t{1000}, std::size_t{9000}}) {
    INFO("n " << n);
    const std::vector<float> x = tkt::random_ints(n, d, -20, 20, n);
    const std::vector<float> start(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k * d));
    tinykm::fit_params fp;
    fp.k = k;
    fp.init = tinykm::init_method::user;
    fp.initial_centroids = start.data();
    fp.empty_cluster = tinykm::empty_cluster_policy::keep;
    fp.max_iter = 6;
    fp.tol = 0.0;
    std::vector<unsigned char> ws(tinykm::fit_workspace_size(fp, n, d));
    std::vector<float> fitted(k * d);
    tinykm::model_view fm{fitted.data(), fitted.size(), 0, 0};
    tinykm::fit_result r;
    REQUIRE(tinykm::fit(x.data(), n, d, nullptr, fp, fm, ws.data(), ws.size(), &r) == status::ok);
    for (const std::size_t max_points : {std::size_t{1}, std::size_t{37}, std::size_t{100000}}) {
      if (max_points == 1 && n > 1000) continue;
      const stepped_run s = run_steps(x, n, d, k, start, 6, max_points);
      CHECK(s.iterations == r.iterations);
      CHECK(s.centres == fitted);
      // Bounded work: each call handles max_points points (a call may finish one pass and go on
      // into the next), so the whole run takes ceil(iterations x n / max_points) calls.
      const std::size_t points = static_cast<std::size_t>(r.iterations) * n;
      CHECK(s.calls == (points + max_points - 1) / max_points);
    }
  }
}

TEST_CASE("lloyd_step: bad input gives a status and changes nothing", "[lloyd_steps][bad]") {
  const std::size_t n = 50, d = 2, k = 3;
  std::vector<float> x = tkt::random_reals(n, d, -1, 1, 3);
  std::vector<float> centres(x.begin(), x.begin() + 6);
  const std::vector<float> centres_before = centres;
  const tinykm::model_view model{centres.data(), centres.size(), k, d};
  std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(k, d));
  tinykm::lloyd_stepper st;
  const auto begin = [&](const float* p, std::size_t nn, std::uint32_t it, double tol,
                         std::size_t bytes) {
    return tinykm::lloyd_begin(p, nn, d, nullptr, model, it, tol, ws.data(), bytes, &st);
  };
  CHECK(begin(nullptr, n, 5, 0.0, ws.size()) == status::invalid_argument);
  CHECK(begin(x.data(), n, 0, 0.0, ws.size()) == status::invalid_argument);
  CHECK(begin(x.data(), n, 5, -1.0, ws.size()) == status::invalid_argument);
  CHECK(begin(x.data(), n, 5, std::numeric_limits<double>::quiet_NaN(), ws.size()) ==
        status::invalid_argument);
  CHECK(begin(x.data(), 2, 5, 0.0, ws.size()) == status::too_few_points);
  CHECK(begin(x.data(), n, 5, 0.0, ws.size() - 1) == status::workspace_too_small);
  x[7] = std::numeric_limits<float>::infinity();
  CHECK(begin(x.data(), n, 5, 0.0, ws.size()) == status::non_finite_input);
  x[7] = 1e30f;
  CHECK(begin(x.data(), n, 5, 0.0, ws.size()) == status::out_of_range);
  x[7] = 0.5f;
  CHECK(tinykm::lloyd_begin(x.data(), n, 3, nullptr, model, 5, 0.0, ws.data(), ws.size(), &st) ==
        status::dimension_mismatch);
  CHECK(centres == centres_before);
  REQUIRE(begin(x.data(), n, 5, 0.0, ws.size()) == status::ok);
  CHECK(tinykm::lloyd_step(st, 0) == status::invalid_argument);
  tinykm::lloyd_stepper never_begun;
  CHECK(tinykm::lloyd_step(never_begun, 10) == status::invalid_argument);
  CHECK(centres == centres_before);
}
