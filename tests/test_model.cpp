// model_view / static_model and output buffers: exactly what the library writes, and where.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::init_method;
using tinykm::status;

namespace {
constexpr float kPoison = 12345.0f;
}

TEST_CASE("fit writes exactly k x d floats of a larger model and sets its shape", "[model]") {
  const tkt::blobs b = tkt::make_blobs({20, 30, 25}, 4, 10.0, 0.0, 1.0, 401);
  tinykm::fit_params p;
  p.k = 3;
  const std::size_t need = tinykm::fit_workspace_size(p, b.n, b.d);
  std::vector<unsigned char> ws(need);
  std::vector<float> storage(100, kPoison);
  tinykm::model_view m{storage.data(), storage.size(), 9, 9};  // stale shape from before
  tinykm::fit_result r;
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m, ws.data(), need, &r) ==
          status::ok);
  CHECK(m.k == 3);
  CHECK(m.d == 4);
  CHECK(m.capacity == 100);
  CHECK(m.centroids == storage.data());
  for (std::size_t i = 0; i < 12; ++i) CHECK(storage[i] != kPoison);
  bool tail_untouched = true;
  for (std::size_t i = 12; i < storage.size(); ++i)
    tail_untouched = tail_untouched && storage[i] == kPoison;
  CHECK(tail_untouched);
  // The same fit without a fit_result gives the same model.
  std::vector<float> storage2(12, kPoison);
  tinykm::model_view m2{storage2.data(), storage2.size(), 0, 0};
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m2, ws.data(), need) == status::ok);
  CHECK(std::vector<float>(storage.begin(), storage.begin() + 12) == storage2);
}

TEST_CASE("a static_model fit leaves storage past k x d alone", "[model]") {
  const tkt::blobs b = tkt::make_blobs({20, 30}, 2, 10.0, 0.0, 1.0, 402);
  tinykm::static_model<5, 6> sm;
  for (float& v : sm.centroids) v = kPoison;
  tinykm::fit_params p;
  p.k = 2;
  const std::size_t need = tinykm::fit_workspace_size(p, b.n, b.d);
  std::vector<unsigned char> ws(need);
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, sm, ws.data(), need) ==
          status::ok);
  CHECK(sm.k == 2);
  CHECK(sm.d == 2);
  // The view of a static_model is row-major k x d from the start of its storage.
  for (std::size_t i = 0; i < 4; ++i) CHECK(sm.centroids[i] != kPoison);
  for (std::size_t i = 4; i < 30; ++i) CHECK(sm.centroids[i] == kPoison);
  const tinykm::model_view v = sm.view();
  CHECK(v.capacity == 30);
  CHECK(v.k == 2);
  CHECK(v.d == 2);
  const tinykm::static_model<5, 6>& csm = sm;
  CHECK(csm.view().centroids == sm.centroids);
}

TEST_CASE("warm start: user init from the model's own centres", "[model]") {
  // A common pattern: refit from the previous model, passing its storage as initial_centroids.
  const tkt::blobs b = tkt::make_blobs({40, 60, 50}, 3, 10.0, 0.0, 1.5, 403);
  std::vector<float> storage(9);
  std::vector<float> first(b.points.begin(), b.points.begin() + 9);
  storage = first;
  tinykm::fit_params p;
  p.k = 3;
  p.init = init_method::user;
  p.initial_centroids = first.data();
  tkt::fit_out expected = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, p);
  REQUIRE(expected.st == status::ok);

  p.initial_centroids = storage.data();  // aliases the model being written
  const std::size_t need = tinykm::fit_workspace_size(p, b.n, b.d);
  std::vector<unsigned char> ws(need);
  tinykm::model_view m{storage.data(), storage.size(), 0, 0};
  tinykm::fit_result r;
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m, ws.data(), need, &r) ==
          status::ok);
  CHECK(storage == expected.centroids);
  CHECK(r.inertia == expected.result.inertia);
  // Fitting again from the converged model changes nothing.
  REQUIRE(tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m, ws.data(), need, &r) ==
          status::ok);
  CHECK(r.converged);
  CHECK(r.iterations <= 2);
  for (std::size_t i = 0; i < 9; ++i)
    CHECK(storage[i] == Approx(expected.centroids[i]).epsilon(1e-6).margin(1e-6));
}

TEST_CASE("transform and predict write only their n entries", "[model]") {
  const std::size_t n = 13, d = 3, k = 4;
  const std::vector<float> pts = tkt::random_ints(n, d, -8, 8, 404);
  const std::vector<float> centres = tkt::random_ints(k, d, -8, 8, 405);
  tkt::owned_model m(centres, k, d);
  std::vector<float> dist(n * k + 10, kPoison);
  REQUIRE(tinykm::transform(m.view, pts.data(), n, d, dist.data(), dist.size()) == status::ok);
  for (std::size_t i = 0; i < n * k; ++i) CHECK(dist[i] != kPoison);
  for (std::size_t i = n * k; i < dist.size(); ++i) CHECK(dist[i] == kPoison);
  std::vector<std::int32_t> labels(n + 5, -7);
  REQUIRE(tinykm::predict(m.view, pts.data(), n, d, labels.data()) == status::ok);
  for (std::size_t i = n; i < labels.size(); ++i) CHECK(labels[i] == -7);
  // predict agrees with the argmin of transform (ties: the lowest index).
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t best = 0;
    for (std::size_t j = 1; j < k; ++j)
      if (dist[i * k + j] < dist[i * k + best]) best = j;
    CHECK(labels[i] == static_cast<std::int32_t>(best));
  }
  // The model itself is never written by the query functions.
  CHECK(m.storage == centres);
}

TEST_CASE("queries ignore model storage beyond k x d", "[model]") {
  // A model_view over a bigger buffer (capacity > k x d) behaves like an exact one.
  const std::size_t n = 30, d = 2, k = 3;
  const std::vector<float> pts = tkt::random_reals(n, d, -5.0, 5.0, 406);
  std::vector<float> exact = tkt::random_reals(k, d, -5.0, 5.0, 407);
  std::vector<float> bigger = exact;
  bigger.resize(50, -3.0f);  // junk that must not be read as a centre
  const tinykm::model_view a{exact.data(), exact.size(), k, d};
  const tinykm::model_view c{bigger.data(), bigger.size(), k, d};
  CHECK(tkt::predict_labels(a, pts.data(), n, d) == tkt::predict_labels(c, pts.data(), n, d));
  double ia = 0.0, ic = 1.0;
  REQUIRE(tinykm::inertia(a, pts.data(), n, d, nullptr, &ia) == status::ok);
  REQUIRE(tinykm::inertia(c, pts.data(), n, d, nullptr, &ic) == status::ok);
  CHECK(ia == ic);
}
