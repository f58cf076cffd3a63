// The Hartigan refinement (src/batch/refine.cpp, fit_params::refine): it never raises the
// inertia, strictly lowers it where Lloyd is stuck, keeps fit's inertia equal to inertia() of the
// returned centres, gives the same bits for any thread count and backend, and changes nothing
// (sizes, outputs) when off. Its allocation check is in test_no_alloc.cpp.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "backend_loop.hpp"
#include "kernels.hpp"
#include "test_support.hpp"
#include "thread_pool.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

using tinykm::refinement;

namespace {

tinykm::fit_params params_for(std::size_t k, refinement refine, std::uint64_t seed) {
  tinykm::fit_params p;
  p.k = k;
  p.refine = refine;
  p.seed = seed;
  return p;
}

double inertia_of(tkt::fit_out& f, const std::vector<float>& pts, std::size_t n,
                  const float* weights) {
  double v = -1.0;
  REQUIRE(tinykm::inertia(f.view(), pts.data(), n, f.d, weights, &v) == tinykm::status::ok);
  return v;
}

void check_same(const tkt::fit_out& a, const tkt::fit_out& b) {
  REQUIRE(a.st == tinykm::status::ok);
  CHECK(tkt::same_fit(a, b));
}

}  // namespace

TEST_CASE("refine: never raises the inertia; fit's inertia is inertia() of its centres",
          "[refine]") {
  std::uint64_t seed = 1;
  std::uint64_t refined = 0, fits = 0;
  for (std::size_t d : {1u, 2u, 3u, 5u, 16u, 33u, 64u})
    for (std::size_t k : {1u, 2u, 7u, 20u, 50u})
      for (int variant = 0; variant < 4; ++variant) {
        const std::size_t n = 120 + 37 * static_cast<std::size_t>(variant) + 3 * k;
        const bool weighted = variant % 2 != 0;
        const std::vector<float> pts = tkt::random_reals(n, d, -4.0, 4.0, ++seed);
        const std::vector<float> w = tkt::random_reals(n, 1, 0.25, 3.0, ++seed);
        const float* wp = weighted ? w.data() : nullptr;
        tinykm::fit_params p = params_for(k, refinement::none, seed);
        p.n_init = variant < 2 ? 1 : 3;
        p.init = variant == 3 ? tinykm::init_method::random : tinykm::init_method::kmeans_plus_plus;
        tkt::fit_out off = tkt::run_fit(pts.data(), n, d, wp, p);
        p.refine = refinement::hartigan;
        tkt::fit_out on = tkt::run_fit(pts.data(), n, d, wp, p, 1);
        INFO("d " << d << " k " << k << " variant " << variant);
        REQUIRE(off.st == tinykm::status::ok);
        REQUIRE(on.st == tinykm::status::ok);
        CHECK(on.result.inertia <= off.result.inertia);
        const double measured = inertia_of(on, pts, n, wp);
        CHECK(tkt::same_bits(&measured, &on.result.inertia, sizeof(double)));
        if (p.n_init == 1 && !(on.result.inertia < off.result.inertia)) check_same(on, off);
        if (on.result.inertia < off.result.inertia) ++refined;
        ++fits;
      }
  CHECK(refined * 4 > fits);  // random data: Lloyd's optimum is seldom Hartigan-stable
}

TEST_CASE("refine: strictly lowers the inertia where Lloyd is stuck", "[refine]") {
  // Centres 1 and 3.25 are a Lloyd fixed point of {0, 2, 3.25} (2 is nearer 1 than 3.25), with
  // inertia 2. Moving 2 to the other cluster costs (1/2) 1.25^2 = 0.78125 there and saves
  // (2/1) 1^2 = 2 here: the partition {0} {2, 3.25} has inertia 2 x 0.625^2 = 0.78125.
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO("backend " << kt.name());
    const std::vector<float> pts = {0.0f, 2.0f, 3.25f};
    const std::vector<float> start = {1.0f, 3.25f};
    tinykm::fit_params p = params_for(2, refinement::none, 0);
    p.init = tinykm::init_method::user;
    p.initial_centroids = start.data();
    const tkt::fit_out off = tkt::run_fit(pts.data(), 3, 1, nullptr, p);
    REQUIRE(off.st == tinykm::status::ok);
    CHECK(off.result.inertia == 2.0);
    p.refine = refinement::hartigan;
    const tkt::fit_out on = tkt::run_fit(pts.data(), 3, 1, nullptr, p);
    REQUIRE(on.st == tinykm::status::ok);
    CHECK(on.result.inertia < off.result.inertia);
    CHECK(on.result.inertia == 0.78125);
    CHECK(on.centroids == std::vector<float>{0.0f, 2.625f});
  });
}

TEST_CASE("refine: the same bits on every run, thread count and backend", "[refine]") {
  // Backends agree on labels, so on the centres; inertia is each backend's float32 distances
  // summed (kernels.hpp), so it is compared within a backend only.
  const tkt::blobs b = tkt::make_blobs({1500, 4000, 2500, 3000}, 6, 4.0, 0.0, 2.0, 77);
  const std::vector<float> w = tkt::random_reals(b.n, 1, 0.5, 2.0, 78);
  tinykm_tools::thread_pool three(3), two(2);
  for (const float* wp : {static_cast<const float*>(nullptr), w.data()}) {
    // One restart: restarts are chosen by inertia, which may order near-equal ones differently.
    tinykm::fit_params p = params_for(12, refinement::hartigan, 5);
    const tkt::fit_out first = tkt::run_fit(b.points.data(), b.n, b.d, wp, p);
    REQUIRE(first.st == tinykm::status::ok);
    tinykm::fit_params none = p;
    none.refine = refinement::none;
    const tkt::fit_out lloyd = tkt::run_fit(b.points.data(), b.n, b.d, wp, none);
    CHECK(first.result.inertia < lloyd.result.inertia);  // the refinement ran, and moved points
    tkt::for_each_backend([&](const tinykm::kernels::kernel_table& kt) {
      INFO("backend " << kt.name() << " weighted " << (wp != nullptr));
      const tkt::fit_out want = tkt::run_fit(b.points.data(), b.n, b.d, wp, p);
      REQUIRE(want.st == tinykm::status::ok);
      CHECK(tkt::same_bits(want.centroids.data(), first.centroids.data(), want.centroids.size() * 4));
      CHECK(want.result.inertia == Approx(first.result.inertia).epsilon(1e-6));
      check_same(want, tkt::run_fit(b.points.data(), b.n, b.d, wp, p));
      for (tinykm_tools::thread_pool* pool : {&three, &two}) {
        tinykm::fit_params q = p;
        q.parallel = pool->parallel();
        check_same(want, tkt::run_fit(b.points.data(), b.n, b.d, wp, q));
      }
    });
  }
}

TEST_CASE("refine none: today's sizes and outputs", "[refine]") {
  const tkt::blobs b = tkt::make_blobs({400, 300, 500}, 4, 3.0, 0.0, 1.5, 12);
  tinykm::fit_params dflt;
  dflt.k = 9;
  dflt.n_init = 3;
  tinykm::fit_params none = dflt;
  none.refine = refinement::none;
  CHECK(tinykm::fit_workspace_size(none, b.n, b.d) == tinykm::fit_workspace_size(dflt, b.n, b.d));
  const tkt::fit_out a = tkt::run_fit(b.points.data(), b.n, b.d, nullptr, dflt);
  check_same(a, tkt::run_fit(b.points.data(), b.n, b.d, nullptr, none));
}

TEST_CASE("refine: workspace size, bad parameters and the C API for every refinement", "[refine]") {
  const std::vector<float> pts = tkt::random_reals(500, 3, -1.0, 1.0, 4);
  tinykm::fit_params p = params_for(6, refinement::hartigan, 1);
  tinykm::fit_params none = params_for(6, refinement::none, 1);
  const std::size_t need = tinykm::fit_workspace_size(p, 500, 3);
  const std::size_t base = tinykm::fit_workspace_size(none, 500, 3);
  if (tinykm::kernels::compact_code)
    CHECK(need == base);  // firmware builds do not refine
  else
    CHECK(need >= base + 4 * 500 + 12 * 6 * 3);  // labels, float64 means, backup centres
  std::vector<unsigned char> ws(need);
  tkt::owned_model m(6 * 3);
  CHECK(tinykm::fit(pts.data(), 500, 3, nullptr, p, m.view, ws.data(), need - 1) ==
        tinykm::status::workspace_too_small);
  CHECK(tinykm::fit(pts.data(), 500, 3, nullptr, p, m.view, ws.data(), need) == tinykm::status::ok);
  p.refine = static_cast<refinement>(3);
  CHECK(tinykm::fit(pts.data(), 500, 3, nullptr, p, m.view, ws.data(), need) ==
        tinykm::status::invalid_argument);
  p.refine = static_cast<refinement>(-1);
  CHECK(tinykm::fit(pts.data(), 500, 3, nullptr, p, m.view, ws.data(), need) ==
        tinykm::status::invalid_argument);
  // The C API: the field passes through, a bad value is refused.
  tinykm_params c = tinykm_default_params();
  CHECK(c.refine == TINYKM_REFINE_NONE);
  c.k = 6;
  tinykm_model cm{m.storage.data(), m.storage.size(), 0, 0};
  tinykm_fit_result r{};
  for (const int method : {TINYKM_REFINE_HARTIGAN, TINYKM_REFINE_SPLIT_MERGE}) {
    INFO("C refine " << method);
    p.refine = static_cast<refinement>(method);
    const std::size_t bytes = tinykm::fit_workspace_size(p, 500, 3);
    std::vector<unsigned char> c_ws(bytes);
    c.refine = method;
    CHECK(tinykm_fit_workspace_size(&c, 500, 3) == bytes);
    CHECK(tinykm_fit(pts.data(), 500, 3, nullptr, &c, &cm, c_ws.data(), bytes, &r) == TINYKM_OK);
    CHECK(tinykm_fit(pts.data(), 500, 3, nullptr, &c, &cm, c_ws.data(), bytes - 1, &r) ==
          TINYKM_WORKSPACE_TOO_SMALL);
  }
  c.refine = 3;
  CHECK(tinykm_fit(pts.data(), 500, 3, nullptr, &c, &cm, ws.data(), need, &r) ==
        TINYKM_INVALID_ARGUMENT);
}
