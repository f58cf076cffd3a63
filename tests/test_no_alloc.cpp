// Nothing in fit / predict / transform / inertia / score allocates (DESIGN.md §4).
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
#include <vector>

#include "backend_loop.hpp"
#include "test_support.hpp"
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
        tinykm::init_method::farthest_point, tinykm::init_method::user})
    for (tinykm::empty_cluster_policy pol :
         {tinykm::empty_cluster_policy::keep, tinykm::empty_cluster_policy::relocate_farthest,
          tinykm::empty_cluster_policy::split_largest})
      for (std::uint32_t n_init : {1u, 3u})
        for (int weighted = 0; weighted < 2; ++weighted) {
          tinykm::fit_params p;
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
                                    << " weighted " << weighted);
          REQUIRE(st == tinykm::status::ok);
          CHECK(count == 0);
          if (init == tinykm::init_method::user) CHECK(r.empty_clusters > 0);
        }
  // The static_model overload and the workspace size query.
  tinykm::static_model<8, 4> sm;
  tinykm::fit_params p;
  p.k = 3;
  tinykm::status st = tinykm::status::not_ready;
  std::size_t need = 0;
  const std::uint64_t count = allocations_in([&] {
    need = tinykm::fit_workspace_size(p, b.n, b.d);
    st = tinykm::fit(b.points.data(), b.n, b.d, nullptr, p, sm, ws.data(), need);
  });
  REQUIRE(st == tinykm::status::ok);
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
