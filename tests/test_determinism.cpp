// Determinism that other files do not already show. Covered elsewhere:
//   same seed, two runs, bit-identical fit:        test_init "same seed gives bit-identical results"
//   1, 2, 3 threads and none:                      test_threads "fit gives the same bits on 1, 2
//                                                  and 3 threads and without a parallel_for"
// Here: the workspace's size, placement and old contents; more chunks than accumulation groups
// (src/common/chunks.hpp); whole fits and whole streams across runs and backends (Highway's other
// targets: test_hwy_targets).
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "backend_loop.hpp"
#include "stream_support.hpp"
#include "thread_pool.hpp"
#include "whole_fits.hpp"

using tinykm::status;

namespace {

// A fit into a workspace of `bytes` (>= the documented size) at `offset`, filled with `fill`.
tkt::fit_out fit_in(const std::vector<float>& x, std::size_t n, std::size_t d,
                    const tinykm::fit_params& p, std::size_t bytes, std::size_t offset,
                    unsigned char fill) {
  tkt::fit_out out;
  std::vector<unsigned char> ws(bytes + offset, fill);
  std::vector<float> c(p.k * d, 0.0f);
  tinykm::model_view m{c.data(), c.size(), 0, 0};
  out.st = tinykm::fit(x.data(), n, d, nullptr, p, m, ws.data() + offset, bytes, &out.result);
  out.centroids = c;
  return out;
}

void check_same(const tkt::fit_out& a, const tkt::fit_out& b) {
  REQUIRE(a.st == status::ok);
  REQUIRE(b.st == status::ok);
  CHECK(tkt::same_bits(a.centroids.data(), b.centroids.data(), a.centroids.size() * 4));
  CHECK(tkt::same_bits(&a.result.inertia, &b.result.inertia, sizeof(double)));
  CHECK(a.result.iterations == b.result.iterations);
  CHECK(a.result.best_init == b.result.best_init);
}

}  // namespace

TEST_CASE("determinism: a larger, shifted or dirty workspace gives the same bits",
          "[determinism]") {
  const std::size_t n = 5000, d = 7;
  const std::vector<float> x = tkt::random_reals(n, d, -2.0, 3.0, 41);
  for (tinykm::init_method init :
       {tinykm::init_method::kmeans_plus_plus, tinykm::init_method::random,
        tinykm::init_method::farthest_point}) {
    tinykm::fit_params p;
    p.k = 6;
    p.init = init;
    p.n_init = 2;
    p.seed = 99;
    const std::size_t need = tinykm::fit_workspace_size(p, n, d);
    const tkt::fit_out base = fit_in(x, n, d, p, need, 0, 0x00);
    REQUIRE(base.result.iterations > 1);
    INFO(tkt::init_name(init));
    check_same(base, fit_in(x, n, d, p, need, 13, 0xFF));         // shifted, old bytes 0xFF
    check_same(base, fit_in(x, n, d, p, need * 3 + 5, 0, 0x7F));  // 3x larger, NaN-ish bytes
    check_same(base, fit_in(x, n, d, p, need + 64, 1, 0xA5));
  }
}

TEST_CASE("determinism: more chunks than accumulation groups, any threads or none",
          "[determinism][threads]") {
  // 17 full chunks and a ragged one: more than detail::max_groups (16), so groups hold several
  // chunks and the serial path (one slot) must still sum in the same order.
  const std::size_t n = 17 * tinykm::parallel_chunk_points + 123, d = 3;
  const std::vector<float> x = tkt::random_reals(n, d, -1.0, 1.0, 43);
  tinykm_tools::thread_pool one(1), three(3);
  tinykm::fit_params p;
  p.k = 5;
  p.init = tinykm::init_method::random;
  p.max_iter = 4;
  p.seed = 3;
  const std::size_t need = tinykm::fit_workspace_size(p, n, d);
  const tkt::fit_out base = fit_in(x, n, d, p, need, 0, 0);
  REQUIRE(base.result.iterations > 1);
  check_same(base, fit_in(x, n, d, p, need * 2, 8, 0xFF));
  for (tinykm_tools::thread_pool* pool : {&one, &three}) {
    p.parallel = pool->parallel();
    const std::size_t need_parallel = tinykm::fit_workspace_size(p, n, d);
    CHECK(need_parallel > need);  // labels and 16 group slots
    check_same(base, fit_in(x, n, d, p, need_parallel, 0, 0));
    check_same(base, fit_in(x, n, d, p, need_parallel + 4096, 3, 0xFF));
  }
}

namespace {

// A stream's state after warm-up, mini-batches and single updates, as save() writes it: every
// field but the scratch memory, whose leftovers depend on the kernels.
std::vector<unsigned char> run_stream(const std::vector<float>& x, std::size_t d,
                                      tinykm::update_rule rule) {
  tinykm::stream_params p;
  p.k = 4;
  p.reservoir = 64;
  p.rule = rule;
  p.seed = 5;
  tkt::owned_stream s(p.k, d, p.reservoir);
  REQUIRE(tinykm::stream_init(p, d, s.state) == status::ok);
  const std::size_t n = x.size() / d;
  REQUIRE(tinykm::stream_update_batch(s.state, x.data(), n / 2) == status::ok);
  for (std::size_t i = n / 2; i < n; ++i)
    REQUIRE(tinykm::stream_update(s.state, &x[i * d]) == status::ok);
  std::vector<unsigned char> blob(tinykm::save_size(s.state));
  REQUIRE(tinykm::save(s.state, blob.data(), blob.size()) == status::ok);
  return blob;
}

}  // namespace

TEST_CASE("determinism: a stream's saved state is the same bits across runs and backends",
          "[determinism][stream]") {
  const std::size_t d = 3;
  // Integer samples keep the warm-up fit exact on every backend; after it every backend's
  // lanes kernel is bit-identical to scalar on any data (test_backends).
  const std::vector<float> x = tkt::random_ints(3000, d, -30, 30, 47);
  for (tinykm::update_rule rule : {tinykm::update_rule::running_mean, tinykm::update_rule::decay,
                                   tinykm::update_rule::fixed_rate}) {
    INFO("rule " << static_cast<int>(rule));
    const std::vector<unsigned char> base = run_stream(x, d, rule);
    CHECK(run_stream(x, d, rule) == base);
    std::size_t backends = 0;
    tkt::for_each_backend([&](const tinykm::kernels::kernel_table& kt) {
      INFO(kt.name());
      CHECK(run_stream(x, d, rule) == base);
      ++backends;
    });
    CHECK(backends >= 1 + TINYKM_HAVE_HWY + TINYKM_HAVE_XSIMD);  // scalar and each SIMD one
  }
}

TEST_CASE("determinism: whole fits to convergence match across backends on integer data",
          "[determinism]") {
  const std::vector<tkt::whole_fit> want = tkt::scalar_whole_fits();
  tkt::for_each_backend([&](const tinykm::kernels::kernel_table& kt) {
    INFO("backend " << kt.name());
    tkt::check_same_fits(want, tkt::whole_fits());
  });
}
