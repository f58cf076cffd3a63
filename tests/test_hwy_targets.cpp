// The Highway backend on every target this CPU supports (AVX3, AVX2, SSE4, ... SCALAR): each
// kernel against the scalar reference, bit for bit on integer-valued data; assign against a
// double brute force on real data; the near-tie re-check of the blocked norm-form kernel.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "hwy_target_loop.hpp"
#include "assign_shape.hpp"
#include "kernels.hpp"
#include "lanes_support.hpp"
#include "near_tie_bound.hpp"
#include "test_support.hpp"
#include "tie_checks.hpp"
#include "trial_potentials_check.hpp"
#include "whole_fits.hpp"

namespace {

namespace tk = tinykm::kernels;

const tk::kernel_table& hwy_table() { return *tk::table_of(tk::table_family::highway); }

// Makes the Highway table the active one (for the public calls) while it lives.
struct hwy_active {
  hwy_active() { tk::set_active(&hwy_table()); }
  ~hwy_active() { tk::set_active(nullptr); }
};

const std::size_t kNs[] = {1, 3, 8, 11, 1000};
const std::size_t kDs[] = {1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 31, 64, 128};
const std::size_t kKs[] = {1, 2, 7, 16, 33, 256};

std::uint64_t case_seed(std::size_t n, std::size_t d, std::size_t k) {
  return static_cast<std::uint64_t>(n) * 1000003u + static_cast<std::uint64_t>(d) * 1009u +
         static_cast<std::uint64_t>(k);
}

// Integer-valued centres with duplicates (every third centre copies an earlier one), so ties
// are common and must go to the lowest index.
std::vector<float> tied_centres(std::size_t k, std::size_t d, std::uint64_t seed) {
  std::vector<float> c = tkt::random_ints(k, d, -8, 8, seed);
  for (std::size_t j = 2; j < k; j += 3) std::memcpy(&c[j * d], &c[(j / 3) * d], d * sizeof(float));
  return c;
}

std::vector<float> prepared_of(const std::vector<float>& centres, std::size_t k, std::size_t d) {
  std::vector<float> prepared(tk::prepared_floats(k, d));
  tk::prepare_centroids(centres.data(), k, d, prepared.data());
  return prepared;
}

}  // namespace

TEST_CASE("hwy table names the target dispatch chose", "[hwy]") {
  tkt::for_each_hwy_target([](const std::string& target) {
    CHECK(std::string(hwy_table().name()) == "hwy:" + target);
  });
  CHECK(std::string(hwy_table().name()).rfind("hwy:", 0) == 0);
}

namespace {
tk::assign_shape hwy_shape(std::size_t d, std::size_t k, bool has_prepared) {
  return tk::choose_assign_shape(tk::hwy_assign_rule, d, k, has_prepared);
}
}  // namespace

TEST_CASE("hwy assign kernel choice and names", "[hwy]") {
  using tk::assign_shape;
  CHECK(hwy_shape(3, 8, true) == assign_shape::small_d);
  CHECK(hwy_shape(3, 8, false) == assign_shape::small_d);
  CHECK(hwy_shape(128, 256, true) == assign_shape::blocked);
  CHECK(hwy_shape(128, 256, false) == assign_shape::exact_rows);
  CHECK(hwy_shape(17, 1, true) == assign_shape::blocked);
  CHECK(hwy_shape(16, 256, true) == assign_shape::small_d);
  for (const std::size_t d : kDs)
    for (const std::size_t k : kKs)
      CHECK(std::string(hwy_table().assign_kernel(d, k)) ==
            tk::assign_shape_name(hwy_shape(d, k, true)));
}

TEST_CASE("hwy assign equals scalar on integer data, every path and target", "[hwy]") {
  bool covered[tk::assign_shape_count] = {};
  tkt::for_each_hwy_target([&](const std::string&) {
    for (const std::size_t n : kNs)
      for (const std::size_t d : kDs)
        for (const std::size_t k : kKs) {
          if (n == 1000 && d * k > 4096) continue;  // slow on SCALAR; n = 11 covers the tails
          const std::uint64_t seed = case_seed(n, d, k);
          const std::vector<float> points = tkt::random_ints(n, d, -8, 8, seed);
          const std::vector<float> centres = tied_centres(k, d, seed + 1);
          const std::vector<float> prepared = prepared_of(centres, k, d);
          std::vector<std::int32_t> want_labels(n);
          std::vector<float> want_dist(n);
          tk::assign_scalar(points.data(), n, d, centres.data(), nullptr, k, want_labels.data(),
                            want_dist.data());
          for (const bool with_prepared : {true, false}) {
            INFO("n " << n << " d " << d << " k " << k << " prepared " << with_prepared);
            covered[static_cast<std::size_t>(hwy_shape(d, k, with_prepared))] = true;
            std::vector<std::int32_t> labels(n, -1);
            std::vector<float> dist(n, -1.0f);
            hwy_table().assign(points.data(), n, d, centres.data(),
                                 with_prepared ? prepared.data() : nullptr, k, labels.data(),
                                 dist.data());
            CHECK(labels == want_labels);
            CHECK(tkt::same_bits(dist.data(), want_dist.data(), n * sizeof(float)));
          }
        }
  });
  for (const tk::assign_shape shape :  // the shapes hwy_assign_rule chooses
       {tk::assign_shape::small_d, tk::assign_shape::blocked, tk::assign_shape::exact_rows}) {
    INFO("kernel " << tk::assign_shape_name(shape));
    CHECK(covered[static_cast<std::size_t>(shape)]);
  }
}

TEST_CASE("hwy distances and min_distance equal scalar on integer data", "[hwy]") {
  tkt::for_each_hwy_target([&](const std::string&) {
    for (const std::size_t n : {std::size_t{1}, std::size_t{11}, std::size_t{100}})
      for (const std::size_t d : kDs)
        for (const std::size_t k : {std::size_t{1}, std::size_t{7}, std::size_t{33}}) {
          INFO("n " << n << " d " << d << " k " << k);
          const std::uint64_t seed = case_seed(n, d, k) + 7;
          const std::vector<float> points = tkt::random_ints(n, d, -8, 8, seed);
          const std::vector<float> centres = tied_centres(k, d, seed + 1);
          std::vector<float> want(n * k), got(n * k, -1.0f);
          tk::distances_scalar(points.data(), n, d, centres.data(), k, want.data());
          hwy_table().distances(points.data(), n, d, centres.data(), k, got.data());
          CHECK(tkt::same_bits(got.data(), want.data(), n * k * sizeof(float)));

          const std::vector<float> in = tkt::random_ints(n, 1, 0, 200, seed + 2);
          std::vector<float> want_min(n), got_min(n, -1.0f), in_place = in;
          tk::min_distance_scalar(points.data(), n, d, centres.data(), in.data(), want_min.data());
          hwy_table().min_distance(points.data(), n, d, centres.data(), in.data(),
                                     got_min.data());
          CHECK(tkt::same_bits(got_min.data(), want_min.data(), n * sizeof(float)));
          hwy_table().min_distance(points.data(), n, d, centres.data(), in_place.data(),
                                     in_place.data());  // in and out may alias
          CHECK(tkt::same_bits(in_place.data(), want_min.data(), n * sizeof(float)));
        }
  });
}

TEST_CASE("hwy trial_potentials keeps min_distance's bits and the block rule, every target",
          "[hwy]") {
  tkt::for_each_hwy_target([](const std::string&) { tkt::check_trial_potentials(hwy_table()); });
}

TEST_CASE("hwy lanes_nearest is bit-identical to scalar, every target", "[hwy]") {
  tkt::for_each_hwy_target([](const std::string& target) {
    tkt::check_lanes_nearest(target.c_str(), hwy_table().lanes_nearest,
                             hwy_table().lanes_nearest_one);
  });
}

TEST_CASE("hwy accumulate is bit-identical to scalar on real data", "[hwy]") {
  tkt::for_each_hwy_target([&](const std::string&) {
    for (const std::size_t d : kDs)
      for (const bool weighted : {false, true}) {
        INFO("d " << d << " weighted " << weighted);
        const std::size_t n = 1000, k = 7;
        const std::uint64_t seed = case_seed(n, d, k) + 11;
        const std::vector<float> points = tkt::random_reals(n, d, -1000.0, 1000.0, seed);
        const std::vector<float> weights = tkt::random_reals(n, 1, 0.001, 10.0, seed + 1);
        std::vector<std::int32_t> labels(n);
        tkt::rng r(seed + 2);
        for (std::int32_t& l : labels) l = static_cast<std::int32_t>(r.below(k));
        std::vector<double> want_sums(k * d), want_w(k);
        for (double& s : want_sums) s = r.uniform(-1e6, 1e6);  // sums carried from earlier calls
        for (double& s : want_w) s = r.uniform(0.0, 100.0);
        std::vector<double> got_sums = want_sums, got_w = want_w;
        const float* w = weighted ? weights.data() : nullptr;
        // In two calls, as the Lloyd loop splits the points into blocks.
        for (const std::size_t start : {std::size_t{0}, std::size_t{300}}) {
          const std::size_t count = start == 0 ? 300 : n - 300;
          const float* wp = w ? w + start : nullptr;
          tk::accumulate_scalar(points.data() + start * d, wp, count, d, labels.data() + start,
                                want_sums.data(), want_w.data());
          hwy_table().accumulate(points.data() + start * d, wp, count, d,
                                   labels.data() + start, got_sums.data(), got_w.data());
        }
        CHECK(tkt::same_bits(got_sums.data(), want_sums.data(), k * d * sizeof(double)));
        CHECK(tkt::same_bits(got_w.data(), want_w.data(), k * sizeof(double)));
      }
  });
}

TEST_CASE("hwy assign matches a double brute force on real data", "[hwy]") {
  tkt::for_each_hwy_target(
      [](const std::string&) { tkt::check_near_tie_bound(hwy_table().assign); });
}

// The blocked kernel must report the exact rows' labels and min_dist bits on real data too. At
// k <= 16 on AVX-512 it runs 16 points in lanes (assign_lanes16_avx3-inl.h), summing min_dist
// by a shuffle tree that must repeat SumOfLanes's order; n = 1013 leaves 5 points to the tile
// path, d = 272 takes three chunks of transposed features.
TEST_CASE("hwy blocked assign gives the exact rows' labels and min_dist bits on real data",
          "[hwy]") {
  const std::size_t n = 1013;
  for (const std::size_t d : {std::size_t{32}, std::size_t{48}, std::size_t{64}, std::size_t{128},
                              std::size_t{272}})
    for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{10}, std::size_t{16}}) {
      REQUIRE(hwy_shape(d, k, true) == tk::assign_shape::blocked);
      REQUIRE(hwy_shape(d, k, false) == tk::assign_shape::exact_rows);
      const std::uint64_t seed = case_seed(n, d, k);
      const std::vector<float> points = tkt::random_reals(n, d, -100.0, 100.0, seed);
      const std::vector<float> centres = tkt::random_reals(k, d, -100.0, 100.0, seed + 1);
      const std::vector<float> prepared = prepared_of(centres, k, d);
      tkt::for_each_hwy_target([&](const std::string&) {
        INFO("d " << d << " k " << k);
        std::vector<std::int32_t> want_labels(n), labels(n, -1);
        std::vector<float> want_dist(n), dist(n, -1.0f);
        hwy_table().assign(points.data(), n, d, centres.data(), nullptr, k, want_labels.data(),
                           want_dist.data());
        hwy_table().assign(points.data(), n, d, centres.data(), prepared.data(), k,
                           labels.data(), dist.data());
        CHECK(labels == want_labels);
        CHECK(tkt::same_bits(dist.data(), want_dist.data(), n * sizeof(float)));
      });
    }
}

// Points on (or one unit off) the bisector of two centres far from the origin: |x|^2 is about
// d * 9e6, so |c|^2 - 2 x.c loses the units digit to cancellation, while the exact form works
// on small integer differences and is exact. The labels must be the exact form's.
TEST_CASE("hwy blocked kernel re-checks near ties exactly", "[hwy]") {
  for (const std::size_t d : {std::size_t{32}, std::size_t{64}})
    for (const std::size_t k : {std::size_t{16}, std::size_t{48}}) {
      REQUIRE(hwy_shape(d, k, true) == tk::assign_shape::blocked);
      tkt::rng r(case_seed(0, d, k));
      const float far = 3000.0f;
      // Centre pairs 2m, 2m + 1 = base_m -+ e_m (e_m: unit vector along feature m).
      std::vector<float> centres(k * d);
      std::vector<float> bases((k / 2) * d);
      for (std::size_t m = 0; m < k / 2; ++m)
        for (std::size_t j = 0; j < d; ++j) {
          const float b = far + static_cast<float>(r.int_in(-20, 20));
          bases[m * d + j] = b;
          centres[(2 * m) * d + j] = b - (j == m % d ? 1.0f : 0.0f);
          centres[(2 * m + 1) * d + j] = b + (j == m % d ? 1.0f : 0.0f);
        }
      const std::size_t n = 500;
      std::vector<float> points(n * d);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t m = r.below(k / 2);
        for (std::size_t j = 0; j < d; ++j) {
          const float offset = j == m % d ? static_cast<float>(r.int_in(-1, 1))
                                          : static_cast<float>(r.int_in(-2, 2));
          points[i * d + j] = bases[m * d + j] + offset;
        }
      }
      const std::vector<float> prepared = prepared_of(centres, k, d);
      std::vector<std::int32_t> want_labels(n);
      std::vector<float> want_dist(n);
      tk::assign_scalar(points.data(), n, d, centres.data(), nullptr, k, want_labels.data(),
                        want_dist.data());

      // The test means something only if the plain float norm form gets some labels wrong.
      std::size_t norm_form_wrong = 0;
      for (std::size_t i = 0; i < n; ++i) {
        float best = std::numeric_limits<float>::infinity();
        std::size_t best_c = 0;
        for (std::size_t c = 0; c < k; ++c) {
          float dot = 0.0f;
          for (std::size_t j = 0; j < d; ++j) dot += points[i * d + j] * centres[c * d + j];
          const float f = prepared[d * tk::padded_k(k) + c] - 2.0f * dot;
          if (f < best) {
            best = f;
            best_c = c;
          }
        }
        norm_form_wrong += static_cast<std::int32_t>(best_c) != want_labels[i] ? 1u : 0u;
      }
      CHECK(norm_form_wrong > 0);

      tkt::for_each_hwy_target([&](const std::string&) {
        INFO("d " << d << " k " << k);
        std::vector<std::int32_t> labels(n);
        std::vector<float> dist(n);
        hwy_table().assign(points.data(), n, d, centres.data(), prepared.data(), k,
                             labels.data(), dist.data());
        CHECK(labels == want_labels);
        CHECK(tkt::same_bits(dist.data(), want_dist.data(), n * sizeof(float)));
      });
    }
}

TEST_CASE("hwy blocked kernel labels exactly on both sides of its re-check margin", "[hwy]") {
  tkt::for_each_hwy_target(
      [](const std::string&) { tkt::check_margin_edges(hwy_table().assign); });
}

TEST_CASE("hwy: ties go to the lowest centre index in every call, every target", "[hwy][ties]") {
  hwy_active hwy;
  tkt::for_each_hwy_target([](const std::string&) { tkt::check_ties_all_shapes(); });
}

TEST_CASE("hwy: whole fits match scalar's on integer data, every target", "[hwy]") {
  const std::vector<tkt::whole_fit> want = tkt::scalar_whole_fits();
  hwy_active hwy;
  tkt::for_each_hwy_target(
      [&](const std::string&) { tkt::check_same_fits(want, tkt::whole_fits()); });
}
