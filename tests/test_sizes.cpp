// Every *_size function against its header formula, evaluated here with overflow-checked
// arithmetic of its own (compiler builtins, not the library's saturating helpers): the function
// returns the formula where it fits in size_t and SIZE_MAX from the first argument where it does
// not, never a wrapped small number. The edges are searched, not hard-coded, so the same rows hold
// for a 32-bit size_t (the armv7 ports) and a 64-bit one.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

using tinykm::init_method;

namespace {

constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();

// A size_t that remembers whether any step overflowed.
struct sz {
  std::size_t v = 0;
  bool over = false;
  sz(std::size_t x = 0) : v(x) {}  // NOLINT: implicit, so formulas read as in the headers
  std::size_t get() const { return over ? kMax : v; }
};
sz operator+(sz a, sz b) {
  sz r;
  r.over = a.over || b.over || __builtin_add_overflow(a.v, b.v, &r.v);
  return r;
}
sz operator*(sz a, sz b) {
  sz r;
  r.over = a.over || b.over || __builtin_mul_overflow(a.v, b.v, &r.v);
  return r;
}
// x rounded up to a multiple of m.
sz up(sz x, std::size_t m) { return x.v % m == 0 ? x : x + sz(m - x.v % m); }
sz r64(sz x) { return up(x, 64); }
sz ceil_div(std::size_t n, std::size_t m) { return sz(n / m + (n % m != 0 ? 1 : 0)); }

// 2 + floor(ln k) by the library's integer rule (kmeans.hpp), for k below e^22.
std::size_t trials(std::size_t k) {
  std::size_t t = 2;
  for (double e = 2.718281828459045; e <= static_cast<double>(k); e *= 2.718281828459045) ++t;
  return t;
}

// kmeans.hpp's fit_workspace_size formula.
sz fit_formula(init_method init, bool parallel, std::size_t k_, std::size_t n_, std::size_t d_) {
  const sz k = k_, n = n_, d = d_;
  const sz C = ceil_div(n_, tinykm::parallel_chunk_points);
  const sz S = parallel ? (C.v < 16 ? C : sz(16)) : sz(1);
  const sz B = tinykm::block_points;
  sz total = sz(64) + r64(8 * k * d) + r64(8 * k) + r64(4 * k * d) +
             r64(4 * up(k, 16) * (d + 1)) + 2 * r64(4 * S * B) + r64(8 * S * k * (d + 1)) +
             r64(8 * C) + 2 * r64(4 * k);
  if (init == init_method::farthest_point) total = total + r64(4 * n);
  if (init == init_method::random) total = total + r64(4 * k);
  if (init == init_method::kmeans_plus_plus) {
    const sz T = trials(k_);
    total = total + r64(4 * n) + r64(4 * T * d) + r64(8 * T * C) + 2 * r64(8 * T) + 2 * r64(4 * T);
  }
  return total;
}

// lloyd_steps.hpp's formula.
sz lloyd_formula(std::size_t k_, std::size_t d_) {
  const sz k = k_, d = d_;
  return sz(64) + r64(8 * k * d) + r64(8 * k) + r64(4 * up(k, 16) * (d + 1)) +
         2 * r64(4 * sz(tinykm::block_points));
}

// stream.hpp's formula, with its scratch bound.
sz workspace_bound(sz k, sz d, sz n) {
  sz t = 3;
  for (std::size_t v = k.v; v > 1; v >>= 1) t = t + 1;
  const sz chunks = n.over ? n : ceil_div(n.v, tinykm::parallel_chunk_points);
  return sz(64 * 20) + 8 * k * d + 8 * k + 4 * k * d + 4 * (k + 16) * (d + 1) +
         8 * sz(tinykm::block_points) + 8 * k * (d + 1) + 8 * chunks + 8 * k + 4 * n +
         t * (4 * d + 8 * chunks + 24);
}
sz larger(sz a, sz b) { return a.get() > b.get() ? a : b; }
sz stream_formula(std::size_t k_, std::size_t d_, std::size_t reservoir) {
  const sz k = k_, d = d_;
  const sz r = reservoir == 0 ? 16 * k : sz(reservoir);
  const sz kp = up(k, 8);
  const sz warmup = workspace_bound(k, d, r);
  const sz merge = r64(8 * k * d) + 3 * r64(8 * k) + workspace_bound(k, d, 2 * k);
  const sz batch = r64(4 * k * d) + 5 * r64(4 * k);
  const sz scratch = larger(larger(warmup, merge), batch);
  return sz(256) + r64(4 * k * d) + r64(4 * d * kp) + 4 * r64(4 * kp) + r64(4 * r * d) +
         r64(scratch);
}

// The largest x in [lo, SIZE_MAX] at which formula(x) still fits (formula(lo) must fit and the
// overflow must be monotone in x), or SIZE_MAX when it never overflows.
std::size_t last_fit(const std::function<sz(std::size_t)>& formula, std::size_t lo) {
  REQUIRE_FALSE(formula(lo).over);
  if (!formula(kMax).over) return kMax;
  std::size_t hi = kMax;  // formula(hi) overflows
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (formula(mid).over ? hi : lo) = mid;
  }
  return lo;
}

// The size function agrees with the formula at the edge, just past it and at the top of size_t.
void check_edges(const std::function<std::size_t(std::size_t)>& size,
                 const std::function<sz(std::size_t)>& formula, std::size_t lo) {
  const std::size_t edge = last_fit(formula, lo);
  std::vector<std::size_t> at = {lo, edge, kMax, kMax - 1, kMax - 4095, kMax - 4096, kMax / 2,
                                 kMax / 4, kMax / 4 + 1, kMax / 8 + 1, kMax / 64 + 1};
  if (edge != kMax) at.insert(at.end(), {edge + 1, edge - 1});
  if (edge < kMax - 1) at.push_back(edge + 2);
  for (const std::size_t x : at) {
    if (x < lo) continue;
    INFO("argument " << x << " (edge " << edge << ")");
    CHECK(size(x) == formula(x).get());
  }
}

}  // namespace

TEST_CASE("sizes: fit_workspace_size is its formula, or SIZE_MAX past the edge", "[sizes]") {
  for (const init_method init : {init_method::kmeans_plus_plus, init_method::random,
                                 init_method::farthest_point, init_method::user})
    for (const bool parallel : {false, true}) {
      tinykm::fit_params p;
      p.init = init;
      if (parallel) p.parallel.run = [](void*, std::size_t, tinykm::task_fn, void*) {};
      INFO(tkt::init_name(init) << (parallel ? " parallel" : ""));
      {  // in n
        p.k = 3;
        check_edges([&](std::size_t n) { return tinykm::fit_workspace_size(p, n, 5); },
                    [&](std::size_t n) { return fit_formula(init, parallel, 3, n, 5); }, 1);
      }
      {  // in d
        p.k = 3;
        check_edges([&](std::size_t d) { return tinykm::fit_workspace_size(p, 100, d); },
                    [&](std::size_t d) { return fit_formula(init, parallel, 3, 100, d); }, 1);
      }
      if (init != init_method::kmeans_plus_plus) {  // its T table ends near e^22
        {  // in k
          check_edges(
              [&](std::size_t k) {
                p.k = k;
                return tinykm::fit_workspace_size(p, 100, 5);
              },
              [&](std::size_t k) { return fit_formula(init, parallel, k, 100, 5); }, 1);
        }
      }
    }
}

TEST_CASE("sizes: the C fit_workspace_size saturates as the C++ one", "[sizes]") {
  tinykm_params p = tinykm_default_params();
  p.init = TINYKM_INIT_USER;
  p.k = 3;
  for (const std::size_t n : {kMax, kMax - 1, kMax - 4096})
    CHECK(tinykm_fit_workspace_size(&p, n, 5) ==
          fit_formula(init_method::user, false, 3, n, 5).get());
  CHECK(tinykm_fit_workspace_size(&p, 10, kMax) == kMax);
  p.init = TINYKM_INIT_FARTHEST_POINT;
  CHECK(tinykm_fit_workspace_size(&p, kMax, 5) == kMax);
  CHECK(tinykm_fit_workspace_size(nullptr, 10, 5) == 0);
}

TEST_CASE("sizes: lloyd_steps_workspace_size is its formula, or SIZE_MAX", "[sizes]") {
  check_edges([](std::size_t k) { return tinykm::lloyd_steps_workspace_size(k, 7); },
              [](std::size_t k) { return lloyd_formula(k, 7); }, 1);
  check_edges([](std::size_t d) { return tinykm::lloyd_steps_workspace_size(3, d); },
              [](std::size_t d) { return lloyd_formula(3, d); }, 1);
  // The shapes lloyd_begin accepts never come near the edge, on 32-bit targets included.
  CHECK(tinykm::lloyd_steps_workspace_size(tinykm::max_k, tinykm::max_d) ==
        lloyd_formula(tinykm::max_k, tinykm::max_d).get());
  CHECK_FALSE(lloyd_formula(tinykm::max_k, tinykm::max_d).over);
}

TEST_CASE("sizes: stream_memory_size is its formula, or SIZE_MAX", "[sizes]") {
  check_edges([](std::size_t r) { return tinykm::stream_memory_size(3, 2, r); },
              [](std::size_t r) { return stream_formula(3, 2, r); }, 1);
  check_edges([](std::size_t d) { return tinykm::stream_memory_size(3, d, 100); },
              [](std::size_t d) { return stream_formula(3, d, 100); }, 1);
  check_edges([](std::size_t k) { return tinykm::stream_memory_size(k, 2, 0); },
              [](std::size_t k) { return stream_formula(k, 2, 0); }, 1);
  check_edges([](std::size_t k) { return tinykm::stream_memory_size(k, 2, 5000); },
              [](std::size_t k) { return stream_formula(k, 2, 5000); }, 1);
  static_assert(tinykm::stream_memory_size(kMax, 1, 1) == kMax, "saturates at compile time");
  // The largest shapes stream_init accepts (reservoir x d <= 2^28) fit in a 32-bit size_t.
  for (const std::size_t d : {std::size_t{1}, std::size_t{64}, tinykm::max_d}) {
    const std::size_t r = (std::size_t{1} << 28) / d;
    INFO("d " << d);
    CHECK_FALSE(stream_formula(tinykm::max_k, d, r).over);
    CHECK(stream_formula(tinykm::max_k, d, r).v < std::uint64_t{1} << 32);
    CHECK(tinykm::stream_memory_size(tinykm::max_k, d, r) == stream_formula(tinykm::max_k, d, r).v);
    CHECK(tinykm_stream_memory_size(tinykm::max_k, d, r) == stream_formula(tinykm::max_k, d, r).v);
  }
  // The C function answers 0 for shapes stream_init refuses (tinykm.h), at any size.
  for (const std::size_t x : {kMax, kMax - 1, kMax / 2 + 1}) {
    CHECK(tinykm_stream_memory_size(x, 2, 0) == 0);
    CHECK(tinykm_stream_memory_size(3, x, 0) == 0);
    CHECK(tinykm_stream_memory_size(3, 2, x) == 0);
  }
}

TEST_CASE("sizes: save_size of the largest model and stream fits", "[sizes]") {
  // k x d <= max_k x max_d floats: the blob size cannot wrap even in 32 bits.
  std::vector<float> one(1, 0.0f);
  const tinykm::model_view liar{one.data(), kMax, tinykm::max_k, tinykm::max_d};
  CHECK(tinykm::save_size(liar) == 16 + 4 * tinykm::max_k * tinykm::max_d + 4);
  const tinykm::model_view too_big{one.data(), kMax, tinykm::max_k + 1, tinykm::max_d};
  CHECK(tinykm::save_size(too_big) == 0);
}
