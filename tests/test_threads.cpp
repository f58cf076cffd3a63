// The caller's threads change nothing: 1, 2 and 3 threads, and no parallel_for at all, give
// bit-identical centroids, inertia and labels, on real-valued data where summation order shows.
#include <catch2/catch.hpp>

#include <atomic>
#include <vector>

#include "test_support.hpp"
#include "thread_pool.hpp"

using tinykm::init_method;

namespace {

struct shape {
  std::size_t n, d, k;
};

tkt::fit_out fit_with(const std::vector<float>& pts, const shape& s, init_method init,
                      const float* weights, tinykm_tools::thread_pool* pool) {
  tinykm::fit_params p;
  p.k = s.k;
  p.init = init;
  p.n_init = 2;
  p.max_iter = 30;
  p.seed = 7;
  if (pool != nullptr) p.parallel = pool->parallel();
  return tkt::run_fit(pts.data(), s.n, s.d, weights, p);
}

}  // namespace

TEST_CASE("fit gives the same bits on 1, 2 and 3 threads and without a parallel_for",
          "[threads]") {
  tinykm_tools::thread_pool one(1), two(2), three(3);
  // n spans several parallel chunks with a ragged last one.
  for (const shape s : {shape{10000, 3, 8}, shape{9000, 17, 20}, shape{4097, 64, 5}}) {
    const std::vector<float> pts = tkt::random_reals(s.n, s.d, -3.0, 5.0, s.n + s.d);
    const std::vector<float> w = tkt::random_reals(s.n, 1, 0.5, 2.0, 99);
    for (init_method init : {init_method::kmeans_plus_plus, init_method::random}) {
      for (const float* weights : {static_cast<const float*>(nullptr), w.data()}) {
        INFO("n " << s.n << " d " << s.d << " k " << s.k << " init " << tkt::init_name(init)
                  << (weights ? " weighted" : ""));
        const tkt::fit_out base = fit_with(pts, s, init, weights, nullptr);
        REQUIRE(base.st == tinykm::status::ok);
        REQUIRE(base.result.iterations > 1);  // the sums of several passes are compared
        for (tinykm_tools::thread_pool* pool : {&one, &two, &three}) {
          const tkt::fit_out f = fit_with(pts, s, init, weights, pool);
          REQUIRE(f.st == tinykm::status::ok);
          CHECK(tkt::same_bits(f.centroids.data(), base.centroids.data(),
                               base.centroids.size() * sizeof(float)));
          CHECK(tkt::same_bits(&f.result.inertia, &base.result.inertia, sizeof(double)));
          CHECK(f.result.iterations == base.result.iterations);
        }
      }
    }
  }
}

TEST_CASE("parallel predict equals serial predict", "[threads]") {
  const std::size_t n = 12345, d = 5, k = 9;
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 3);
  const std::vector<float> centres = tkt::random_reals(k, d, -1.0, 1.0, 4);
  tkt::owned_model m(centres, k, d);
  const std::vector<std::int32_t> serial = tkt::predict_labels(m.view, pts.data(), n, d);
  tinykm_tools::thread_pool pool(3);
  std::vector<std::int32_t> labels(n, -1);
  REQUIRE(tinykm::predict(m.view, pts.data(), n, d, labels.data(), pool.parallel()) ==
          tinykm::status::ok);
  CHECK(labels == serial);
}

namespace {
// Counts the tasks handed out, to show the work really goes through the caller's parallel_for.
struct counting_executor {
  std::atomic<std::size_t> tasks{0};
  static void run(void* self, std::size_t count, tinykm::task_fn task, void* context) {
    for (std::size_t i = count; i-- > 0;) task(context, i);  // reverse order on purpose
    static_cast<counting_executor*>(self)->tasks += count;
  }
};
}  // namespace

TEST_CASE("fit hands its passes to the parallel_for, in any task order", "[threads]") {
  const std::size_t n = 20000, d = 4, k = 6;
  const std::vector<float> pts = tkt::random_reals(n, d, 0.0, 1.0, 8);
  tinykm::fit_params p;
  p.k = k;
  p.max_iter = 5;
  p.tol = 0.0;
  const tkt::fit_out serial = tkt::run_fit(pts.data(), n, d, nullptr, p);
  counting_executor exec;
  p.parallel = tinykm::parallel_for{&counting_executor::run, &exec};
  const tkt::fit_out f = tkt::run_fit(pts.data(), n, d, nullptr, p);
  REQUIRE(f.st == tinykm::status::ok);
  CHECK(exec.tasks.load() > 0);
  CHECK(tkt::same_bits(f.centroids.data(), serial.centroids.data(),
                       serial.centroids.size() * sizeof(float)));
  CHECK(tkt::same_bits(&f.result.inertia, &serial.result.inertia, sizeof(double)));
}

TEST_CASE("a parallel_for makes fit ask for scratch per group", "[threads]") {
  tinykm::fit_params p;
  p.k = 4;
  const std::size_t serial = tinykm::fit_workspace_size(p, 10000, 3);
  tinykm_tools::thread_pool pool(2);
  p.parallel = pool.parallel();
  const std::size_t parallel = tinykm::fit_workspace_size(p, 10000, 3);
  // One more slot of block buffers and partial sums per group of chunks (3 groups here).
  CHECK(parallel >= serial + 2 * (2 * 4 * 256 + 8 * 4 * 4));
}
