// The xsimd backend, one architecture at a time (every table xsimd_tables() returns on this CPU),
// against the scalar reference: assign on integer-valued data (every float operation exact, so
// labels and distances must match bit for bit, ties to the lowest index), accumulate bit for bit
// on real data, distances / min_distance, and near ties that only the exact-form re-check of the
// blocked kernel can get right.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "assign_shape.hpp"
#include "kernels.hpp"
#include "lanes_support.hpp"
#include "test_support.hpp"

namespace km = tinykm::kernels;

namespace {

std::vector<const km::kernel_table*> xsimd_list() {  // every table named "xsimd:<arch>"
  std::size_t count = 0;
  const km::kernel_table* const* tables = km::available_tables(&count);
  std::vector<const km::kernel_table*> xs;
  for (std::size_t i = 0; i < count; ++i)
    if (std::string(tables[i]->name()).rfind("xsimd:", 0) == 0) xs.push_back(tables[i]);
  return xs;
}

std::uint64_t case_seed(std::size_t n, std::size_t d, std::size_t k, std::uint64_t salt) {
  return (static_cast<std::uint64_t>(n) * 1000003u + static_cast<std::uint64_t>(d) * 1009u +
          static_cast<std::uint64_t>(k)) * 31u + salt;
}

// k integer-valued centres in [-8, 8]; every third one duplicates an earlier centre so exact
// ties between distinct indices are common.
std::vector<float> tied_centres(std::size_t k, std::size_t d, std::uint64_t seed) {
  std::vector<float> c = tkt::random_ints(k, d, -8, 8, seed);
  tkt::rng r(seed ^ 0x5555u);
  for (std::size_t j = 2; j < k; j += 3) {
    const std::size_t from = r.below(j);
    std::memcpy(&c[j * d], &c[from * d], d * sizeof(float));
  }
  return c;
}

struct assign_out {
  std::vector<std::int32_t> labels;
  std::vector<float> dist;
};

assign_out run_assign(km::assign_fn fn, const std::vector<float>& x, std::size_t n,
                      std::size_t d, const std::vector<float>& c, const float* prepared,
                      std::size_t k) {
  assign_out o{std::vector<std::int32_t>(n, -1), std::vector<float>(n, -1.0f)};
  fn(x.data(), n, d, c.data(), prepared, k, o.labels.data(), o.dist.data());
  return o;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("xsimd registers its architectures best first", "[xsimd]") {
  const auto tables = xsimd_list();
#if defined(__x86_64__) || defined(__aarch64__)
  CHECK(!tables.empty());  // SSE4.1 / NEON64 run on every machine this project targets
#endif
  for (const km::kernel_table* t : tables) {
    INFO(t->name());
    CHECK(std::string(t->name()).rfind("xsimd:", 0) == 0);
    CHECK(t->assign != nullptr);
    CHECK(t->accumulate != nullptr);
    CHECK(t->distances != nullptr);
    CHECK(t->min_distance != nullptr);
    CHECK(t->lanes_nearest != nullptr);
    CHECK(t->lanes_nearest_one != nullptr);
  }
  std::size_t count = 0;
  const km::kernel_table* const* all = km::available_tables(&count);
  for (const km::kernel_table* t : tables) {
    bool listed = false;
    for (std::size_t i = 0; i < count; ++i) listed = listed || all[i] == t;
    CHECK(listed);
  }
}

TEST_CASE("xsimd assign equals scalar on integer data, every path and tail", "[xsimd]") {
  const std::size_t ns[] = {1, 3, 8, 11, 1000};
  const std::size_t ds[] = {1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 31, 64, 128};
  const std::size_t ks[] = {1, 2, 7, 16, 33, 256};
  bool covered[km::assign_shape_count] = {};
  for (const km::kernel_table* t : xsimd_list()) {
    for (std::size_t n : ns) {
      for (std::size_t d : ds) {
        for (std::size_t k : ks) {
          const std::vector<float> x = tkt::random_ints(n, d, -8, 8, case_seed(n, d, k, 1));
          const std::vector<float> c = tied_centres(k, d, case_seed(n, d, k, 2));
          std::vector<float> prepared(km::prepared_floats(k, d));
          km::prepare_centroids(c.data(), k, d, prepared.data());
          const assign_out ref = run_assign(km::assign_scalar, x, n, d, c, nullptr, k);
          for (const float* prep : {static_cast<const float*>(prepared.data()),
                                    static_cast<const float*>(nullptr)}) {
            const assign_out got = run_assign(t->assign, x, n, d, c, prep, k);
            INFO(t->name() << " n=" << n << " d=" << d << " k=" << k
                           << (prep ? " prepared" : " no prepared"));
            const km::assign_shape shape =
                km::choose_assign_shape(km::xsimd_assign_rule, d, k, prep != nullptr);
            covered[static_cast<std::size_t>(shape)] = true;
            if (prep) CHECK(std::string(t->assign_kernel(d, k)) == km::assign_shape_name(shape));
            CHECK(got.labels == ref.labels);
            CHECK(same_bits(got.dist, ref.dist));
          }
        }
      }
    }
  }
  if (xsimd_list().empty()) return;
  for (std::size_t shape = 0; shape < km::assign_shape_count; ++shape) {  // xsimd has them all
    INFO(km::assign_shape_names[shape]);
    CHECK(covered[shape]);
  }
}

// The blocked kernel computes min_dist apart from the exact kernels (AVX-512: rows transposed in
// registers instead of gathered); on real data, where the summation order shows in the bits, it
// must still report the exact kernels' labels and distances (d not a multiple of 16, n not of 16).
TEST_CASE("xsimd blocked equals the exact form bit for bit on real data", "[xsimd]") {
  const std::size_t n = 203;
  const std::size_t k = 40;
  for (const km::kernel_table* t : xsimd_list()) {
    for (std::size_t d : {17u, 31u, 64u, 100u, 128u}) {
      const std::vector<float> x = tkt::random_reals(n, d, -3.0, 3.0, case_seed(n, d, k, 3));
      const std::vector<float> c = tkt::random_reals(k, d, -3.0, 3.0, case_seed(n, d, k, 4));
      std::vector<float> prepared(km::prepared_floats(k, d));
      km::prepare_centroids(c.data(), k, d, prepared.data());
      INFO(t->name() << " d=" << d);
      REQUIRE(km::choose_assign_shape(km::xsimd_assign_rule, d, k, true) ==
              km::assign_shape::blocked);
      REQUIRE(km::choose_assign_shape(km::xsimd_assign_rule, d, k, false) !=
              km::assign_shape::blocked);
      const assign_out exact = run_assign(t->assign, x, n, d, c, nullptr, k);
      const assign_out blocked = run_assign(t->assign, x, n, d, c, prepared.data(), k);
      CHECK(blocked.labels == exact.labels);
      CHECK(same_bits(blocked.dist, exact.dist));
    }
  }
}

TEST_CASE("xsimd assign re-checks near ties of the norm form with the exact form", "[xsimd]") {
  // Coordinates near 3000: |x|^2 and |c|^2 are about 9e6 d, where a float32 ulp is 8 or more,
  // so |c|^2 - 2 x.c cannot separate centres whose exact distances differ by 1 (or tie). The exact
  // form is still exact (differences of at most a few units, squared and summed).
  const std::size_t n = 1000;
  for (std::size_t d : {16u, 32u, 64u, 128u}) {
    for (std::size_t k : {16u, 33u, 64u}) {
      std::vector<float> x = tkt::random_ints(n, d, 2997, 3003, case_seed(n, d, k, 3));
      std::vector<float> c = tkt::random_ints(k, d, 2998, 3002, case_seed(n, d, k, 4));
      std::vector<float> prepared(km::prepared_floats(k, d));
      km::prepare_centroids(c.data(), k, d, prepared.data());
      const assign_out ref = run_assign(km::assign_scalar, x, n, d, c, nullptr, k);

      // The data is hard enough: the plain float32 norm form (no re-check) gets labels wrong.
      std::size_t norm_form_wrong = 0;
      for (std::size_t i = 0; i < n; ++i) {
        float best = 0.0f;
        std::size_t best_c = 0;
        for (std::size_t j = 0; j < k; ++j) {
          float dot = 0.0f;
          for (std::size_t f = 0; f < d; ++f) dot = std::fma(x[i * d + f], c[j * d + f], dot);
          const float v = std::fma(-2.0f, dot, prepared[d * km::padded_k(k) + j]);
          if (j == 0 || v < best) {
            best = v;
            best_c = j;
          }
        }
        norm_form_wrong += best_c != static_cast<std::size_t>(ref.labels[i]) ? 1u : 0u;
      }
      INFO("d=" << d << " k=" << k << ": the bare norm form mislabels " << norm_form_wrong);
      CHECK(norm_form_wrong > 0);

      for (const km::kernel_table* t : xsimd_list()) {
        INFO(t->name());
        const assign_out got = run_assign(t->assign, x, n, d, c, prepared.data(), k);
        CHECK(got.labels == ref.labels);
        CHECK(same_bits(got.dist, ref.dist));
      }
    }
  }
}

TEST_CASE("xsimd lanes_nearest is bit-identical to scalar, every architecture", "[xsimd]") {
  for (const km::kernel_table* t : xsimd_list())
    tkt::check_lanes_nearest(t->name(), t->lanes_nearest, t->lanes_nearest_one);
}

TEST_CASE("xsimd accumulate is bit-identical to scalar on real data", "[xsimd]") {
  const std::size_t ds[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 128};
  for (const km::kernel_table* t : xsimd_list()) {
    for (std::size_t d : ds) {
      for (bool weighted : {false, true}) {
        const std::size_t n = 777;
        const std::size_t k = 7;
        const std::vector<float> x = tkt::random_reals(n, d, -1e3, 1e3, case_seed(n, d, k, 5));
        const std::vector<float> w = tkt::random_reals(n, 1, 0.01, 5.0, case_seed(n, d, k, 6));
        std::vector<std::int32_t> labels(n);
        tkt::rng r(case_seed(n, d, k, 7));
        for (auto& l : labels) l = static_cast<std::int32_t>(r.below(k));
        std::vector<double> ref_sums(k * d, 0.0), got_sums(k * d, 0.0);
        std::vector<double> ref_w(k, 0.0), got_w(k, 0.0);
        // Two calls over uneven halves: the sums must carry across calls exactly as well.
        const std::size_t half = 333;
        const float* wp = weighted ? w.data() : nullptr;
        km::accumulate_scalar(x.data(), wp, half, d, labels.data(), ref_sums.data(), ref_w.data());
        km::accumulate_scalar(x.data() + half * d, wp ? wp + half : nullptr, n - half, d,
                              labels.data() + half, ref_sums.data(), ref_w.data());
        t->accumulate(x.data(), wp, half, d, labels.data(), got_sums.data(), got_w.data());
        t->accumulate(x.data() + half * d, wp ? wp + half : nullptr, n - half, d,
                      labels.data() + half, got_sums.data(), got_w.data());
        INFO(t->name() << " d=" << d << (weighted ? " weighted" : ""));
        CHECK(std::memcmp(ref_sums.data(), got_sums.data(), k * d * sizeof(double)) == 0);
        CHECK(std::memcmp(ref_w.data(), got_w.data(), k * sizeof(double)) == 0);
      }
    }
  }
}

TEST_CASE("xsimd distances and min_distance equal scalar on integer data", "[xsimd]") {
  const std::size_t ns[] = {1, 3, 11, 100};
  const std::size_t ds[] = {1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 64, 128};
  const std::size_t ks[] = {1, 7, 33};
  for (const km::kernel_table* t : xsimd_list()) {
    for (std::size_t n : ns) {
      for (std::size_t d : ds) {
        for (std::size_t k : ks) {
          INFO(t->name() << " n=" << n << " d=" << d << " k=" << k);
          const std::vector<float> x = tkt::random_ints(n, d, -8, 8, case_seed(n, d, k, 8));
          const std::vector<float> c = tkt::random_ints(k, d, -8, 8, case_seed(n, d, k, 9));
          std::vector<float> ref(n * k), got(n * k, -1.0f);
          km::distances_scalar(x.data(), n, d, c.data(), k, ref.data());
          t->distances(x.data(), n, d, c.data(), k, got.data());
          CHECK(same_bits(got, ref));

          const std::vector<float> in = tkt::random_ints(n, 1, 0, 300, case_seed(n, d, k, 10));
          std::vector<float> ref_min(n), got_min(n, -1.0f);
          km::min_distance_scalar(x.data(), n, d, c.data(), in.data(), ref_min.data());
          t->min_distance(x.data(), n, d, c.data(), in.data(), got_min.data());
          CHECK(same_bits(got_min, ref_min));
          std::vector<float> inout = in;  // in and out may alias
          t->min_distance(x.data(), n, d, c.data(), inout.data(), inout.data());
          CHECK(same_bits(inout, ref_min));
        }
      }
    }
  }
}
