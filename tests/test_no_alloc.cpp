// No public entry point allocates (DESIGN.md §4): every function of include/tinykm/*.hpp and
// tinykm.h (but the MPI ones) runs under the counters below, on its success and error paths;
// entry_points_covered.cmake fails when a public function is missing from this file.
//
// Every global operator new / delete is replaced here with a counting version, and the link
// wraps malloc, calloc, realloc, free, aligned_alloc and posix_memalign (-Wl,--wrap=..., see
// tests/CMakeLists.txt), so a heap call from the library's own objects is counted whichever way
// it is made. The counters are checked to be live before anything else is trusted.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "backend_loop.hpp"
#include "test_support.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

namespace {
std::atomic<std::uint64_t> g_c_allocs{0};    // malloc / calloc / realloc / aligned_alloc / ...
std::atomic<std::uint64_t> g_cpp_allocs{0};  // operator new, every variant
std::atomic<std::uint64_t> g_frees{0};       // free / operator delete

std::uint64_t allocations() {
  return g_c_allocs.load(std::memory_order_relaxed) + g_cpp_allocs.load(std::memory_order_relaxed);
}
}  // namespace

// ------------------------------------------------------------------ the C heap (--wrap) ----

extern "C" {
void* __real_malloc(std::size_t size);
void* __real_calloc(std::size_t count, std::size_t size);
void* __real_realloc(void* p, std::size_t size);
void __real_free(void* p);
void* __real_aligned_alloc(std::size_t alignment, std::size_t size);
int __real_posix_memalign(void** out, std::size_t alignment, std::size_t size);

void* __wrap_malloc(std::size_t size) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_malloc(size);
}
void* __wrap_calloc(std::size_t count, std::size_t size) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_calloc(count, size);
}
void* __wrap_realloc(void* p, std::size_t size) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_realloc(p, size);
}
void __wrap_free(void* p) {
  if (p) g_frees.fetch_add(1, std::memory_order_relaxed);
  __real_free(p);
}
void* __wrap_aligned_alloc(std::size_t alignment, std::size_t size) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_aligned_alloc(alignment, size);
}
int __wrap_posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  g_c_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_posix_memalign(out, alignment, size);
}
}  // extern "C"

// ------------------------------------------------------------ operator new / delete -------
// They allocate through __real_* directly, so one operator new counts once.

namespace {
void* counted_new(std::size_t size) noexcept {
  g_cpp_allocs.fetch_add(1, std::memory_order_relaxed);
  return __real_malloc(size ? size : 1);
}
void* counted_new_aligned(std::size_t size, std::align_val_t al) noexcept {
  g_cpp_allocs.fetch_add(1, std::memory_order_relaxed);
  std::size_t a = static_cast<std::size_t>(al);
  if (a < sizeof(void*)) a = sizeof(void*);
  void* p = nullptr;
  if (__real_posix_memalign(&p, a, size ? size : 1) != 0) return nullptr;
  return p;
}
void* must(void* p) {
  if (!p) std::abort();  // no exceptions needed: the tests never run out of memory
  return p;
}
void counted_delete(void* p) noexcept {
  if (p) g_frees.fetch_add(1, std::memory_order_relaxed);
  __real_free(p);
}
}  // namespace

void* operator new(std::size_t size) { return must(counted_new(size)); }
void* operator new[](std::size_t size) { return must(counted_new(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_new(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_new(size);
}
void* operator new(std::size_t size, std::align_val_t al) {
  return must(counted_new_aligned(size, al));
}
void* operator new[](std::size_t size, std::align_val_t al) {
  return must(counted_new_aligned(size, al));
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_new_aligned(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_new_aligned(size, al);
}
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_delete(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_delete(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  counted_delete(p);
}

// ------------------------------------------------------------------------------ tests -----

namespace {
void* volatile g_sink = nullptr;  // keeps the optimiser from eliding the sanity allocations

struct aligned_thing {
  alignas(128) float x[64];
};
}  // namespace

TEST_CASE("the allocation counters are live", "[no_alloc]") {
  std::uint64_t before = allocations();
  {
    std::vector<int> v(100, 1);
    g_sink = v.data();
  }
  CHECK(allocations() > before);
  CHECK(g_cpp_allocs.load() > 0);

  before = g_c_allocs.load();
  g_sink = std::malloc(24);
  std::free(g_sink);
  CHECK(g_c_allocs.load() == before + 1);

  before = g_c_allocs.load();
  g_sink = std::calloc(3, 8);
  g_sink = std::realloc(g_sink, 64);
  std::free(g_sink);
  CHECK(g_c_allocs.load() == before + 2);

  before = g_cpp_allocs.load();
  aligned_thing* t = new aligned_thing;
  g_sink = t;
  delete t;
  int* arr = new int[7];
  g_sink = arr;
  delete[] arr;
  CHECK(g_cpp_allocs.load() == before + 2);
}

namespace {

// Measures the allocations made by f() alone.
template <class F>
std::uint64_t allocations_in(F&& f) {
  const std::uint64_t before = allocations();
  f();
  return allocations() - before;
}

}  // namespace

TEST_CASE("fit does not allocate", "[no_alloc]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
  INFO("backend " << kt.name());
  // More points than one block, clusters that overlap, and one start that leaves a cluster
  // empty, so every code path (blocks, restarts, empty-cluster repair) runs.
  const tkt::blobs b = tkt::make_blobs({200, 150, 300}, 3, 3.0, 0.0, 1.0, 301);
  const std::vector<float> w = tkt::random_reals(b.n, 1, 0.5, 2.0, 302);
  std::vector<float> user_start(b.points.begin(), b.points.begin() + 5 * 3);
  for (std::size_t j = 12; j < 15; ++j) user_start[j] = 1000.0f;  // centre 4 starts empty
  std::vector<unsigned char> ws(1 << 20);
  std::vector<float> storage(5 * 3);
  for (tinykm::init_method init :
       {tinykm::init_method::kmeans_plus_plus, tinykm::init_method::random,
        tinykm::init_method::farthest_point, tinykm::init_method::user,
        tinykm::init_method::kmeans_parallel})
    for (tinykm::empty_cluster_policy pol :
         {tinykm::empty_cluster_policy::keep, tinykm::empty_cluster_policy::relocate_farthest,
          tinykm::empty_cluster_policy::split_largest})
      for (std::uint32_t n_init : {1u, 3u})
        for (int variant = 0; variant < 8; ++variant) {  // weighted or not; lloyd, bounded,
          const bool weighted = variant % 2 != 0;       // or lloyd + the Hartigan refinement
          tinykm::fit_params p;                         // or lloyd + split-and-merge
          p.algorithm = variant / 2 == 1 ? tinykm::lloyd_algorithm::bounded : tinykm::lloyd_algorithm::lloyd;
          p.refine = variant / 2 == 2   ? tinykm::refinement::hartigan
                     : variant / 2 == 3 ? tinykm::refinement::split_merge
                                        : tinykm::refinement::none;
          p.k = 5;
          p.init = init;
          p.n_init = n_init;
          p.empty_cluster = pol;
          p.max_iter = 30;
          p.n_iter_check = 2;
          p.initial_centroids = user_start.data();
          const std::size_t need = tinykm::fit_workspace_size(p, b.n, b.d);
          REQUIRE(need + 1 <= ws.size());
          tinykm::model_view m{storage.data(), storage.size(), 0, 0};
          tinykm::fit_result r;
          tinykm::status st = tinykm::status::not_ready;
          const float* wp = weighted ? w.data() : nullptr;
          const std::uint64_t count = allocations_in([&] {
            st = tinykm::fit(b.points.data(), b.n, b.d, wp, p, m, ws.data() + 1, need, &r);
          });
          INFO(tkt::init_name(init) << " / " << tkt::policy_name(pol) << " n_init " << n_init
                                    << " weighted " << weighted << " variant " << variant);
          REQUIRE(st == tinykm::status::ok);
          CHECK(count == 0);
          if (init == tinykm::init_method::user) CHECK(r.empty_clusters > 0);
        }
  // The static_model overload, the workspace size query and the init choice.
  tinykm::static_model<8, 4> sm;
  tinykm::fit_params p;
  p.k = 3;
  tinykm::status st = tinykm::status::not_ready;
  std::size_t need = 0;
  tinykm::init_method chosen = tinykm::init_method::user;
  const std::uint64_t count = allocations_in([&] {
    need = tinykm::fit_workspace_size(p, b.n, b.d);
    chosen = tinykm::chosen_init(p, b.n, b.d);
    st = tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, sm, ws.data(), need);
  });
  REQUIRE(st == tinykm::status::ok);
  CHECK(chosen == tinykm::init_method::kmeans_plus_plus);
  CHECK(count == 0);
  });
}

TEST_CASE("fit does not allocate on its error paths", "[no_alloc]") {
  std::vector<float> pts = tkt::random_reals(50, 2, -1.0, 1.0, 303);
  pts[17] = std::numeric_limits<float>::quiet_NaN();
  std::vector<unsigned char> ws(1 << 16);
  std::vector<float> storage(8);
  tinykm::model_view m{storage.data(), storage.size(), 0, 0};
  tinykm::fit_params p;
  p.k = 4;
  tinykm::status s1 = tinykm::status::ok, s2 = tinykm::status::ok, s3 = tinykm::status::ok;
  const std::uint64_t count = allocations_in([&] {
    s1 = tinykm::fit(pts.data(), 50, 2, nullptr, p, m, ws.data(), ws.size());
    s2 = tinykm::fit(pts.data(), 50, 2, nullptr, p, m, ws.data(), 3);
    s3 = tinykm::fit(pts.data(), 3, 2, nullptr, p, m, ws.data(), ws.size());
  });
  CHECK(s1 == tinykm::status::non_finite_input);
  CHECK(s2 == tinykm::status::workspace_too_small);
  CHECK(s3 == tinykm::status::too_few_points);
  CHECK(count == 0);
}

TEST_CASE("predict transform inertia and score do not allocate", "[no_alloc]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
  INFO("backend " << kt.name());
  const std::size_t n = 700, d = 9, k = 11;
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 304);
  const std::vector<float> w = tkt::random_reals(n, 1, 0.5, 2.0, 305);
  std::vector<float> centres = tkt::random_reals(k, d, -1.0, 1.0, 306);
  const tinykm::model_view m{centres.data(), centres.size(), k, d};
  std::vector<std::int32_t> labels(n);
  std::vector<float> dist(n * k);
  double a = 0.0, b = 0.0, c = 0.0;
  tinykm::status s[6] = {};
  const char* names[2] = {nullptr, nullptr};
  const std::uint64_t count = allocations_in([&] {
    s[0] = tinykm::predict(m, pts.data(), n, d, labels.data());
    s[1] = tinykm::transform(m, pts.data(), n, d, dist.data(), dist.size());
    s[2] = tinykm::inertia(m, pts.data(), n, d, nullptr, &a);
    s[3] = tinykm::inertia(m, pts.data(), n, d, w.data(), &b);
    s[4] = tinykm::score(m, pts.data(), n, d, w.data(), &c);
    s[5] = tinykm::transform(m, pts.data(), n, d, dist.data(), 3);  // an error path
    names[0] = tinykm::to_string(s[5]);
    names[1] = tinykm::backend_name();
  });
  for (int i = 0; i < 5; ++i) CHECK(s[i] == tinykm::status::ok);
  CHECK(s[5] == tinykm::status::output_too_small);
  CHECK(names[0] != nullptr);
  CHECK(names[1] != nullptr);
  CHECK(count == 0);
  CHECK(c == -b);
  });
}

TEST_CASE("stream init, update, batch, score, merge, save and load do not allocate",
          "[no_alloc][stream]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO(kt.name());
    const std::size_t d = 3;
    const std::vector<float> x = tkt::random_reals(600, d, -5, 5, 17);
    tinykm::stream_params p;
    p.k = 4;
    p.rule = tinykm::update_rule::decay;
    const std::size_t bytes = tinykm::stream_memory_size(p.k, d);
    std::vector<std::uint64_t> ma(bytes / 8 + 1), mb(bytes / 8 + 1), mc(bytes / 8 + 1);
    const tinykm::stream_state a{ma.data(), bytes}, b{mb.data(), bytes}, c{mc.data(), bytes};
    std::vector<unsigned char> blob(4096);
    std::vector<std::int32_t> labels(600);
    std::vector<float> scores(600);
    tinykm::status s[12];
    float score = 0.0f;
    tinykm::stream_sample out;
    std::size_t written = 0;
    const std::uint64_t count = allocations_in([&] {
      s[0] = tinykm::stream_init(p, d, a);
      s[1] = tinykm::stream_init(p, d, b);
      for (std::size_t i = 0; i < 300; ++i) s[2] = tinykm::stream_update(a, &x[i * d], &out);
      s[3] = tinykm::stream_update_batch(b, x.data(), 300, labels.data(), scores.data());
      s[4] = tinykm::stream_update_batch(a, &x[300 * d], 300, labels.data(), scores.data());
      s[5] = tinykm::stream_score(a, x.data(), &score);
      s[6] = tinykm::stream_predict(a, x.data(), 600, labels.data());
      s[7] = tinykm::stream_merge(a, b, c);
      s[8] = tinykm::save(c, blob.data(), blob.size(), &written);
      s[9] = tinykm::load(blob.data(), written, b);
      s[10] = tinykm::stream_merge(a, b, a);
      s[11] = tinykm::load(blob.data(), written - 1, b);
    });
    for (int i = 0; i < 11; ++i) CHECK(s[i] == tinykm::status::ok);
    CHECK(s[11] == tinykm::status::corrupt_model);
    CHECK(count == 0);
  });
}

// A parallel_for that runs every task on the calling thread, in reverse order.
namespace {
void run_serially(void*, std::size_t count, tinykm::task_fn task, void* context) {
  for (std::size_t i = count; i-- > 0;) task(context, i);
}
}  // namespace

TEST_CASE("fit and predict through a parallel_for do not allocate", "[no_alloc]") {
  const tkt::blobs b = tkt::make_blobs({5000, 4000}, 2, 3.0, 0.0, 1.0, 307);
  tinykm::fit_params p;
  p.k = 2;
  p.parallel = tinykm::parallel_for{&run_serially, nullptr};
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, b.n, b.d));
  std::vector<float> storage(4);
  tinykm::model_view m{storage.data(), storage.size(), 0, 0};
  std::vector<std::int32_t> labels(b.n);
  tinykm::status s[2] = {};
  const std::uint64_t count = allocations_in([&] {
    s[0] = tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, m, ws.data(), ws.size());
    s[1] = tinykm::predict(m, b.points.data(), b.n, b.d, labels.data(), p.parallel);
  });
  CHECK(s[0] == tinykm::status::ok);
  CHECK(s[1] == tinykm::status::ok);
  CHECK(count == 0);
}

TEST_CASE("stream seed, ready updates, every rule, info and model do not allocate",
          "[no_alloc][stream]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    const std::size_t d = 2, k = 4, n = 200;
    const std::vector<float> centres = {0, 0, 10, 0, 0, 10, 10, 10};
    // Samples near the first centre only: the other clusters fade and get reseeded.
    const std::vector<float> x = tkt::random_reals(n, d, -1, 1, 18);
    for (int variant = 0; variant < 4; ++variant) {
      INFO(kt.name() << " variant " << variant);
      tinykm::stream_params p;
      p.k = k;
      p.rule = variant == 0   ? tinykm::update_rule::running_mean
               : variant == 3 ? tinykm::update_rule::fixed_rate
                              : tinykm::update_rule::decay;
      p.unit = variant == 2 ? tinykm::decay_unit::batches : tinykm::decay_unit::points;
      p.half_life = 20.0f;
      p.learning_rate = 0.1f;
      p.dead_fraction = 0.2f;
      p.learn_anomalies = variant % 2 == 0;
      p.anomaly_threshold = 0.5f;
      std::vector<std::uint64_t> ma(tinykm::stream_memory_size(k, d) / 8 + 1), mb(ma.size());
      const tinykm::stream_state a{ma.data(), ma.size() * 8}, b{mb.data(), mb.size() * 8};
      std::vector<unsigned char> blob(4096);
      std::vector<std::int32_t> labels(n);
      tinykm::status s[12], e[4];
      tinykm::stream_sample out;
      tinykm::stream_info info;
      tinykm::model_view view;
      float score = 0.0f;
      bool anomaly = false;
      std::size_t bytes = 0, size = 0, written = 0;
      const std::uint64_t count = allocations_in([&] {
        bytes = tinykm::stream_memory_size(k, d);
        s[0] = tinykm::stream_init(p, d, a);
        e[0] = tinykm::stream_update_ready(a, x.data(), &out);  // not ready yet
        s[1] = tinykm::stream_seed(a, centres.data());
        e[1] = tinykm::stream_seed(a, centres.data());  // already ready
        for (std::size_t i = 0; i < n / 2; ++i)
          s[2] = tinykm::stream_update_ready(a, &x[i * d], &out);
        for (std::size_t i = n / 2; i < n; ++i) s[3] = tinykm::stream_update(a, &x[i * d]);
        s[4] = tinykm::stream_update_batch(a, x.data(), n, labels.data(), nullptr);
        s[5] = tinykm::stream_score(a, centres.data() + 2, &score, &anomaly);
        s[6] = tinykm::stream_get_info(a, &info);
        s[7] = tinykm::stream_model(a, &view);
        size = tinykm::save_size(a);
        s[8] = tinykm::save(a, blob.data(), blob.size(), &written);
        s[9] = tinykm::load(blob.data(), written, b);
        s[10] = tinykm::stream_merge(a, b, b);
        s[11] = tinykm::stream_predict(b, x.data(), n, labels.data());
        e[2] = tinykm::load(nullptr, written, b);
        e[3] = tinykm::stream_seed(tinykm::stream_state{}, centres.data());
      });
      for (const tinykm::status st : s) CHECK(st == tinykm::status::ok);
      CHECK(e[0] == tinykm::status::not_ready);
      for (const tinykm::status st : {e[1], e[3]}) CHECK(st == tinykm::status::invalid_argument);
      CHECK(e[2] != tinykm::status::ok);
      CHECK(bytes > 0);
      CHECK(bytes <= ma.size() * 8);
      CHECK(size == written);
      CHECK(view.k == k);
      CHECK(info.counters.reseeds > 0);
      CHECK(info.counters.anomalies > 0);
      CHECK(count == 0);
    }
  });
}

TEST_CASE("lloyd_begin and lloyd_step do not allocate", "[no_alloc]") {
  tkt::for_each_backend([](const tinykm::kernels::kernel_table& kt) {
    INFO(kt.name());
    const tkt::blobs b = tkt::make_blobs({900, 700}, 3, 3.0, 0.0, 1.0, 308);
    const std::vector<float> w = tkt::random_reals(b.n, 1, 0.5, 2.0, 309);
    const std::size_t k = 3;
    std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(k, b.d) + 1);
    for (const float* weights : {static_cast<const float*>(nullptr), w.data()}) {
      std::vector<float> centres(b.points.data(), b.points.data() + k * b.d);
      const tinykm::model_view m{centres.data(), centres.size(), k, b.d};
      tinykm::lloyd_stepper st;
      tinykm::status s[3] = {};
      std::size_t size = 0;
      bool done = false;
      const std::uint64_t count = allocations_in([&] {
        size = tinykm::lloyd_steps_workspace_size(k, b.d);
        s[0] = tinykm::lloyd_begin(b.points.data(), b.n, b.d, weights, m, 20, 0.0, ws.data() + 1,
                                   size, &st);
        while (s[1] == tinykm::status::ok && !done) s[1] = tinykm::lloyd_step(st, 333, &done);
        s[2] = tinykm::lloyd_step(st, 0);  // an error path
      });
      CHECK(s[0] == tinykm::status::ok);
      CHECK(s[1] == tinykm::status::ok);
      CHECK(s[2] == tinykm::status::invalid_argument);
      CHECK(st.iterations > 1);
      CHECK(count == 0);
    }
  });
}

TEST_CASE("model save and load, backend choice and status names do not allocate",
          "[no_alloc]") {
  std::vector<float> centres = tkt::random_reals(5, 4, -1.0, 1.0, 310);
  const tinykm::model_view m{centres.data(), centres.size(), 5, 4};
  std::vector<float> storage(20);
  tinykm::model_view loaded{storage.data(), storage.size(), 0, 0};
  std::vector<unsigned char> blob(1024);
  tinykm::status s[2] = {}, e[3] = {}, backends[5] = {};
  std::size_t size = 0, written = 0;
  const char* names[3] = {};
  const std::uint64_t count = allocations_in([&] {
    size = tinykm::save_size(m);
    s[0] = tinykm::save(m, blob.data(), blob.size(), &written);
    s[1] = tinykm::load(blob.data(), written, loaded);
    e[0] = tinykm::save(m, blob.data(), 3, &written);
    e[1] = tinykm::load(blob.data(), written - 1, loaded);
    e[2] = tinykm::load(nullptr, written, loaded);
    backends[0] = tinykm::force_backend(tinykm::backend::scalar);
    names[0] = tinykm::backend_name();
    backends[1] = tinykm::force_backend(tinykm::backend::highway);
    backends[2] = tinykm::force_backend(tinykm::backend::xsimd);
    backends[3] = tinykm::force_backend(static_cast<tinykm::backend>(99));
    backends[4] = tinykm::force_backend(tinykm::backend::automatic);
    names[1] = tinykm::backend_name();
    names[2] = tinykm::to_string(tinykm::status::corrupt_model);
  });
  CHECK(s[0] == tinykm::status::ok);
  CHECK(s[1] == tinykm::status::ok);
  CHECK(size == written);
  CHECK(storage == centres);
  for (const tinykm::status st : e) CHECK(st != tinykm::status::ok);
  CHECK(backends[0] == tinykm::status::ok);
  CHECK(backends[3] == tinykm::status::invalid_argument);
  CHECK(backends[4] == tinykm::status::ok);
  CHECK(std::string(names[0]) == "scalar");
  CHECK(names[1] != nullptr);
  CHECK(std::string(names[2]) == "corrupt_model");
  CHECK(count == 0);
}

TEST_CASE("every C API function does not allocate", "[no_alloc][c_api]") {
  const tkt::blobs b = tkt::make_blobs({300, 300, 300}, 2, 3.0, 0.0, 1.0, 311);
  const std::size_t n = b.n, d = b.d, k = 3;
  const std::vector<float> w = tkt::random_reals(n, 1, 0.5, 2.0, 312);
  std::vector<unsigned char> ws(1 << 20), blob(1 << 16);
  std::vector<float> storage(k * d), other(k * d), dist(n * k);
  std::vector<std::int32_t> labels(n);
  std::vector<std::uint64_t> ma(1 << 14), mb(1 << 14), mc(1 << 14);
  const tinykm_stream a{ma.data(), ma.size() * 8}, sb{mb.data(), mb.size() * 8},
      c{mc.data(), mc.size() * 8};
  tinykm_model m{storage.data(), storage.size(), 0, 0}, m2{other.data(), other.size(), 0, 0};
  tinykm_model sm{};
  tinykm_fit_result r{};
  tinykm_stream_info info{};
  tinykm_stream_sample out{};
  tinykm_parallel_for par{&run_serially, nullptr};
  tinykm_status s[20];
  std::size_t sizes[4] = {};
  double inertia = 0.0;
  float score = 0.0f;
  bool anomaly = false;
  const char* names[2] = {};
  const std::uint64_t count = allocations_in([&] {
    names[0] = tinykm_status_string(TINYKM_CORRUPT_MODEL);
    names[1] = tinykm_backend_name();
    tinykm_params p = tinykm_default_params();
    p.k = k;
    sizes[0] = tinykm_fit_workspace_size(&p, n, d);
    s[0] = tinykm_fit(b.points.data(), n, d, w.data(), &p, &m, ws.data(), ws.size(), &r);
    s[1] = tinykm_predict(&m, b.points.data(), n, d, labels.data(), labels.size());
    s[2] = tinykm_predict_parallel(&m, b.points.data(), n, d, labels.data(), labels.size(), &par);
    s[3] = tinykm_transform(&m, b.points.data(), n, d, dist.data(), dist.size());
    s[4] = tinykm_inertia(&m, b.points.data(), n, d, w.data(), &inertia);
    sizes[1] = tinykm_model_save_size(&m);
    s[5] = tinykm_model_save(&m, blob.data(), blob.size(), &sizes[2]);
    s[6] = tinykm_model_load(blob.data(), sizes[2], &m2);
    tinykm_stream_params sp = tinykm_default_stream_params();
    sp.k = k;
    sizes[3] = tinykm_stream_memory_size(k, d, 0);
    s[7] = tinykm_stream_init(&sp, d, a);
    s[8] = tinykm_stream_init(&sp, d, sb);
    for (std::size_t i = 0; i < 2 * 16 * k; ++i)  // through the end of the warm-up
      s[9] = tinykm_stream_update(a, &b.points[i * d], d, &out);
    s[10] = tinykm_stream_update_batch(sb, b.points.data(), n, d, labels.data(), labels.size(),
                                       dist.data(), dist.size());
    s[11] = tinykm_stream_predict(a, b.points.data(), n, d, labels.data(), labels.size());
    s[12] = tinykm_stream_score(a, b.points.data(), d, &score, &anomaly);
    s[13] = tinykm_stream_merge(a, sb, c);
    s[14] = tinykm_stream_get_info(c, &info);
    s[15] = tinykm_stream_model(c, &sm);
    const std::size_t stream_blob = tinykm_stream_save_size(c);
    s[16] = tinykm_stream_save(c, blob.data(), blob.size(), &sizes[2]);
    s[17] = tinykm_stream_load(blob.data(), sizes[2], sb);
    s[18] = stream_blob == sizes[2] ? TINYKM_OK : TINYKM_INVALID_ARGUMENT;
    s[19] = tinykm_stream_load(nullptr, sizes[2], sb) != TINYKM_OK ? TINYKM_OK
                                                                 : TINYKM_INVALID_ARGUMENT;
  });
  for (int i = 0; i < 20; ++i) {
    INFO("call " << i);
    CHECK(s[i] == TINYKM_OK);
  }
  CHECK(std::string(names[0]) == "corrupt_model");
  CHECK(names[1] != nullptr);
  CHECK(sizes[0] > 0);
  CHECK(sizes[1] > 0);
  CHECK(sizes[3] > 0);
  CHECK(sizes[3] <= ma.size() * 8);
  CHECK(info.ready);
  CHECK(sm.k == k);
  CHECK(count == 0);
}
