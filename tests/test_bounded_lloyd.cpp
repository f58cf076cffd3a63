// The bounded Lloyd (src/batch/bounded_lloyd.cpp) gives plain Lloyd's labels every iteration,
// hence the same centres, inertia and iteration count bit for bit: on every backend, on 1 and 3
// threads, with weights, empty clusters and every empty-cluster policy.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "backend_loop.hpp"
#include "test_support.hpp"
#include "thread_pool.hpp"
#include "workspace.hpp"

using tinykm::lloyd_algorithm;

namespace {

struct shape {
  std::size_t n, d, k;
};

tinykm::fit_params params_for(std::size_t k, lloyd_algorithm algorithm,
                              tinykm_tools::thread_pool* pool) {
  tinykm::fit_params p;
  p.k = k;
  p.algorithm = algorithm;
  p.seed = 3;
  if (pool != nullptr) p.parallel = pool->parallel();
  return p;
}

// The labels of the last iteration of a bounded fit (its workspace's point_labels).
std::vector<std::int32_t> bounded_labels(const std::vector<float>& pts, std::size_t n,
                                         std::size_t d, const tinykm::fit_params& p) {
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
  const tinykm::detail::fit_scratch s = tinykm::detail::carve_fit_scratch(p, n, d, ws.data());
  tkt::owned_model m(p.k * d);
  tinykm::fit_result r;
  REQUIRE(tinykm::fit(pts.data(), n, d, nullptr, p, m.view, ws.data(), ws.size(), &r) ==
          tinykm::status::ok);
  REQUIRE(r.iterations == p.max_iter);
  return std::vector<std::int32_t>(s.point_labels, s.point_labels + n);
}

void check_same(const tkt::fit_out& a, const tkt::fit_out& b) {
  REQUIRE(a.st == tinykm::status::ok);
  CHECK(tkt::same_fit(a, b));
}

}  // namespace

TEST_CASE("bounded: the labels and centres of plain Lloyd, iteration by iteration",
          "[bounded]") {
  tinykm_tools::thread_pool three(3);
  for (const shape s : {shape{6000, 2, 12}, shape{5000, 16, 40}, shape{1200, 64, 9}}) {
    const tkt::blobs b = tkt::make_int_blobs(s.n, s.d, s.k, s.n + s.d);
    tkt::for_each_backend([&](const tinykm::kernels::kernel_table& kt) {
      for (tinykm_tools::thread_pool* pool : {static_cast<tinykm_tools::thread_pool*>(nullptr), &three}) {
        INFO(kt.name() << " n " << s.n << " d " << s.d << " k " << s.k << (pool ? " 3 threads" : ""));
        tinykm::fit_params lloyd = params_for(s.k, lloyd_algorithm::lloyd, pool);
        tinykm::fit_params bounded = params_for(s.k, lloyd_algorithm::bounded, pool);
        lloyd.tol = bounded.tol = 0.0;
        lloyd.init = bounded.init = tinykm::init_method::random;
        std::vector<float> before;  // plain Lloyd's centres before iteration `it`
        for (std::uint32_t it = 1; it <= 12; ++it) {
          lloyd.max_iter = bounded.max_iter = it;
          const tkt::fit_out want = tkt::run_fit(b.points.data(), s.n, s.d, nullptr, lloyd);
          if (want.result.iterations < it) break;  // converged
          check_same(want, tkt::run_fit(b.points.data(), s.n, s.d, nullptr, bounded));
          if (it > 1) {
            tkt::owned_model m(before, s.k, s.d);
            CHECK(bounded_labels(b.points, s.n, s.d, bounded) ==
                  tkt::predict_labels(m.view, b.points.data(), s.n, s.d));
          }
          before = want.centroids;
        }
      }
    });
  }
}

TEST_CASE("bounded: whole fits equal plain Lloyd's on real data", "[bounded]") {
  const shape shapes[] = {{3000, 1, 5},   {4000, 2, 16},  {5000, 3, 8},   {3000, 4, 30},
                          {6000, 16, 64}, {2000, 64, 10}, {1500, 128, 40}, {4000, 8, 300},
                          {500, 3, 1}};
  for (const shape s : shapes) {
    const std::vector<float> pts = tkt::random_reals(s.n, s.d, -3.0, 5.0, s.n * 7 + s.d);
    const std::vector<float> w = tkt::random_reals(s.n, 1, 0.5, 2.0, 11);
    for (const float* weights : {static_cast<const float*>(nullptr), w.data()}) {
      INFO("n " << s.n << " d " << s.d << " k " << s.k << (weights ? " weighted" : ""));
      tinykm::fit_params lloyd = params_for(s.k, lloyd_algorithm::lloyd, nullptr);
      tinykm::fit_params bounded = params_for(s.k, lloyd_algorithm::bounded, nullptr);
      lloyd.n_init = bounded.n_init = 2;
      const tkt::fit_out want = tkt::run_fit(pts.data(), s.n, s.d, weights, lloyd);
      CHECK((s.k == 1 || want.result.iterations > 2));
      check_same(want, tkt::run_fit(pts.data(), s.n, s.d, weights, bounded));
    }
  }
}

TEST_CASE("bounded: empty clusters under every policy, and n_iter_check", "[bounded]") {
  // Few distinct values and a random start: duplicate centres leave clusters empty.
  const std::vector<float> pts = tkt::random_ints(5000, 1, 0, 3, 5);
  const std::vector<float> reals = tkt::random_reals(5000, 3, 0.0, 1.0, 6);
  for (const tinykm::empty_cluster_policy policy :
       {tinykm::empty_cluster_policy::keep, tinykm::empty_cluster_policy::relocate_farthest,
        tinykm::empty_cluster_policy::split_largest}) {
    INFO(tkt::policy_name(policy));
    tinykm::fit_params lloyd = params_for(9, lloyd_algorithm::lloyd, nullptr);
    lloyd.init = tinykm::init_method::random;
    lloyd.empty_cluster = policy;
    lloyd.n_init = 4;
    tinykm::fit_params bounded = lloyd;
    bounded.algorithm = lloyd_algorithm::bounded;
    const tkt::fit_out want = tkt::run_fit(pts.data(), 5000, 1, nullptr, lloyd);
    CHECK(want.result.empty_clusters > 0);
    check_same(want, tkt::run_fit(pts.data(), 5000, 1, nullptr, bounded));
    lloyd.n_iter_check = bounded.n_iter_check = 3;  // check iterations measure the inertia
    lloyd.k = bounded.k = 20;
    lloyd.tol = bounded.tol = 0.0;
    const tkt::fit_out checked = tkt::run_fit(reals.data(), 5000, 3, nullptr, lloyd);
    CHECK(checked.result.converged);
    check_same(checked, tkt::run_fit(reals.data(), 5000, 3, nullptr, bounded));
  }
}

TEST_CASE("bounded: workspace size and a bad algorithm value", "[bounded]") {
  const std::size_t n = 5000, d = 3;
  const std::vector<float> pts = tkt::random_reals(n, d, 0.0, 1.0, 8);
  tinykm::fit_params p = params_for(4, lloyd_algorithm::lloyd, nullptr);
  const std::size_t lloyd_size = tinykm::fit_workspace_size(p, n, d);
  p.algorithm = lloyd_algorithm::bounded;
  const std::size_t bounded_size = tinykm::fit_workspace_size(p, n, d);
  CHECK(bounded_size >= lloyd_size + 12 * n);  // labels and two bounds per point
  std::vector<unsigned char> ws(bounded_size);
  tkt::owned_model m(4 * d);
  CHECK(tinykm::fit(pts.data(), n, d, nullptr, p, m.view, ws.data(), bounded_size - 1) ==
        tinykm::status::workspace_too_small);
  CHECK(tinykm::fit(pts.data(), n, d, nullptr, p, m.view, ws.data(), lloyd_size) ==
        tinykm::status::workspace_too_small);
  CHECK(tinykm::fit(pts.data(), n, d, nullptr, p, m.view, ws.data(), bounded_size) ==
        tinykm::status::ok);
  p.algorithm = static_cast<lloyd_algorithm>(7);
  CHECK(tinykm::fit(pts.data(), n, d, nullptr, p, m.view, ws.data(), bounded_size) ==
        tinykm::status::invalid_argument);
}
