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

#include "size_formulas.hpp"
#include "stream_layout.hpp"
#include "test_support.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"
#include "workspace.hpp"

using tinykm::init_method;
using tkt::ceil_div;
using tkt::fit_formula;
using tkt::kMax;
using tkt::r64;
using tkt::sz;
using tkt::up;

namespace {

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
sz scratch_formula(sz k, sz d, sz r) {
  const sz warmup = workspace_bound(k, d, r);
  const sz merge = r64(8 * k * d) + 3 * r64(8 * k) + workspace_bound(k, d, 2 * k);
  const sz batch = r64(4 * k * d) + 4 * r64(4 * k);
  return larger(larger(warmup, merge), batch);
}
sz stream_formula(std::size_t k_, std::size_t d_, std::size_t reservoir) {
  const sz k = k_, d = d_;
  const sz r = reservoir == 0 ? 16 * k : sz(reservoir);
  const sz kp = up(k, 8);
  return sz(256) + r64(4 * k * d) + r64(4 * d * kp) + 4 * r64(4 * kp) + r64(4 * r * d) +
         r64(scratch_formula(k, d, r));
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
                                 init_method::farthest_point, init_method::user,
                                 init_method::kmeans_parallel})
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
      if (init != init_method::kmeans_plus_plus &&
          init != init_method::kmeans_parallel) {  // their T table ends near e^22
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

// The same formulas over a grid of shapes and parameters (a regression pin: the sizes were
// computed this way before the layouts were described once, include/tinykm/layout.hpp), with
// arguments at the top of size_t among them.
namespace {

const std::vector<std::size_t> grid_k = {1,  2,   3,   7,   8,    9,    15,   16,        17,
                                         20, 21,  54,  55,  148,  149,  403,  1097,      4096,
                                         65537, 1000003, kMax / 64 + 1, kMax / 2, kMax - 1, kMax};
const std::vector<std::size_t> grid_d = {1, 2, 3, 5, 16, 17, 64, 129, 1024, 4096, 65537,
                                         kMax / 1024, kMax / 8 + 1, kMax - 1, kMax};
const std::vector<std::size_t> grid_n = {1,     2,     100,        4095,         4096,
                                         4097,  65536, 65537,      1000000,      kMax / 64 + 1,
                                         kMax / 4, kMax - 4096, kMax};

}  // namespace

TEST_CASE("sizes: fit_workspace_size over a grid of shapes and parameters", "[sizes]") {
  for (const init_method init : {init_method::kmeans_plus_plus, init_method::random,
                                 init_method::farthest_point, init_method::user,
                                 init_method::kmeans_parallel})
    for (const bool parallel : {false, true})
      for (const std::size_t k : grid_k) {
        // trials() above counts powers of e in double; the library's table is exact below e^22.
        if ((init == init_method::kmeans_plus_plus || init == init_method::kmeans_parallel) &&
            k > 3000000000u)
          continue;
        for (const std::size_t d : grid_d)
          for (const std::size_t n : grid_n) {
            tinykm::fit_params p;
            p.k = k;
            p.init = init;
            p.n_init = 5;  // restarts share the workspace
            if (parallel) p.parallel.run = [](void*, std::size_t, tinykm::task_fn, void*) {};
            INFO(tkt::init_name(init) << (parallel ? " parallel" : "") << " k " << k << " d " << d
                                      << " n " << n);
            REQUIRE(tinykm::fit_workspace_size(p, n, d) ==
                    fit_formula(init, parallel, k, n, d).get());
          }
      }
}

TEST_CASE("sizes: lloyd_steps_workspace_size over a grid of shapes", "[sizes]") {
  for (const std::size_t k : grid_k)
    for (const std::size_t d : grid_d) {
      INFO("k " << k << " d " << d);
      REQUIRE(tinykm::lloyd_steps_workspace_size(k, d) == lloyd_formula(k, d).get());
    }
}

TEST_CASE("sizes: stream_memory_size over a grid of shapes and reservoirs", "[sizes]") {
  for (const std::size_t k : grid_k)
    for (const std::size_t d : grid_d)
      for (const std::size_t r : {std::size_t{0}, k, k + 1, 16 * k, std::size_t{1000},
                                  std::size_t{65537}, kMax / 16 + 1, kMax - 1, kMax}) {
        INFO("k " << k << " d " << d << " reservoir " << r);
        REQUIRE(tinykm::stream_memory_size(k, d, r) == stream_formula(k, d, r).get());
      }
  // The same function at compile time (static_stream sizes its array with it).
  static_assert(tinykm::stream_memory_size(8, 3) == tinykm::stream_memory_size(8, 3, 128), "");
  static_assert(tinykm::stream_memory_size(3, kMax / 2, 0) == kMax, "");
  CHECK(tinykm::stream_memory_size(8, 3) == stream_formula(8, 3, 0).get());
  CHECK(sizeof(tinykm::static_stream<5, 7, 100>) == stream_formula(5, 7, 100).get());
}

TEST_CASE("sizes: a stream's arrays lie where stream.hpp's formula puts them", "[sizes]") {
  // The offsets are part of the state's bytes (saved, copied, broadcast): they must not move.
  for (const std::size_t k : {1u, 2u, 7u, 8u, 9u, 16u, 33u, 100u, 1000u})
    for (const std::size_t d : {1u, 2u, 3u, 8u, 17u, 100u})
      for (const std::size_t r : {k, k + 3, 16 * k, std::size_t{5000}}) {
        INFO("k " << k << " d " << d << " reservoir " << r);
        const tinykm::detail::stream_offsets at = tinykm::detail::stream_offsets_of(k, d, r);
        const sz kp = up(k, 8), rows = r * sz(d);
        sz next = 256;
        const auto expect = [&next](std::size_t offset, sz bytes) {
          CHECK(offset == next.get());
          next = next + r64(bytes);
        };
        expect(at.centroids, 4 * sz(k) * d);
        expect(at.lanes, 4 * sz(d) * kp);
        expect(at.weights, 4 * kp);
        expect(at.dist_mean, 4 * kp);
        expect(at.dist_square, 4 * kp);
        expect(at.radius, 4 * kp);
        expect(at.reservoir, 4 * rows);
        CHECK(at.scratch_bytes == scratch_formula(k, d, r).get());
        expect(at.scratch, at.scratch_bytes);
        CHECK(at.memory_bytes == next.get());
        CHECK(at.memory_bytes == tinykm::stream_memory_size(k, d, r));
      }
}

TEST_CASE("sizes: fit's carving stays inside fit_workspace_size", "[sizes]") {
  // Carved over a pretend workspace that starts one byte past a 64-byte boundary (the worst
  // case the slack covers): every buffer 64-byte aligned, in order, inside the measured size.
  for (const init_method init : {init_method::kmeans_plus_plus, init_method::random,
                                 init_method::farthest_point, init_method::user,
                                 init_method::kmeans_parallel})
    for (const bool parallel : {false, true})
      for (const std::size_t k : {1u, 3u, 17u, 150u})
        for (const std::size_t d : {1u, 5u, 64u})
          for (const std::size_t n : {150u, 5000u, 70000u}) {
            tinykm::fit_params p;
            p.k = k;
            p.init = init;
            if (parallel) p.parallel.run = [](void*, std::size_t, tinykm::task_fn, void*) {};
            const std::uintptr_t base = 0x10001;
            const tinykm::detail::fit_scratch s = tinykm::detail::carve_fit_scratch(
                p, n, d, reinterpret_cast<void*>(base));
            const std::uintptr_t end = base + tinykm::fit_workspace_size(p, n, d);
            const std::uintptr_t at[] = {
                reinterpret_cast<std::uintptr_t>(s.sums),
                reinterpret_cast<std::uintptr_t>(s.weight_sums),
                reinterpret_cast<std::uintptr_t>(s.centroids),
                reinterpret_cast<std::uintptr_t>(s.prepared),
                reinterpret_cast<std::uintptr_t>(s.block_labels),
                reinterpret_cast<std::uintptr_t>(s.block_dists),
                reinterpret_cast<std::uintptr_t>(s.group_sums),
                reinterpret_cast<std::uintptr_t>(s.chunk_inertia),
                reinterpret_cast<std::uintptr_t>(s.far_index),
                reinterpret_cast<std::uintptr_t>(s.far_dist),
                reinterpret_cast<std::uintptr_t>(s.seeding.closest),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_centres),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_chunk_pot),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_target),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_pot),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_index),
                reinterpret_cast<std::uintptr_t>(s.seeding.trial_order),
                reinterpret_cast<std::uintptr_t>(s.init_index),
#if !TINYKM_COMPACT_CODE
                reinterpret_cast<std::uintptr_t>(s.par_candidates),
                reinterpret_cast<std::uintptr_t>(s.par_weights),
                reinterpret_cast<std::uintptr_t>(s.par_weight_sums),
                reinterpret_cast<std::uintptr_t>(s.par_prepared),
                reinterpret_cast<std::uintptr_t>(s.par_nearest),
                reinterpret_cast<std::uintptr_t>(s.par_chunk_picks),
#endif
            };
            INFO(tkt::init_name(init) << (parallel ? " parallel" : "") << " k " << k << " d "
                                      << d << " n " << n);
            std::uintptr_t last = base;
            for (const std::uintptr_t a : at) {
              if (a == 0) continue;  // a buffer this fit does not use
              CHECK(a % 64 == 0);
              CHECK(a > last);
              last = a;
            }
            CHECK(end - last >= 64);  // the last buffer takes 64 bytes at least
          }
}
