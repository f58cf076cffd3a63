// The fused assign + accumulate kernel (kernels.hpp: assign_accumulate_sig) against its own
// table's assign followed by accumulate: the same labels, min_dist bits and sums bits on every
// backend and every Highway target, on real data (where any change of order shows in the
// bits) and on integer data full of exact ties; and the Lloyd pass with it against the pass
// without it.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "assign_pass.hpp"
#include "backend_loop.hpp"
#include "kernels.hpp"
#include "test_support.hpp"
#include "workspace.hpp"
#if TINYKM_HAVE_HWY
#include "hwy_target_loop.hpp"
#endif

namespace kn = tinykm::kernels;

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
namespace {

const std::size_t kNs[] = {1, 5, 15, 16, 17, 31, 33, 255, 256, 257, 300, 513, 700};

// Points and centres: real values, or small integers where many points lie at exactly the same
// distance from two centres, and two centres coincide (a tie the lowest index must win).
struct fixture {
  std::vector<float> points, centres;
};

fixture make_fixture(std::size_t n, std::size_t d, std::size_t k, bool ties, std::uint64_t seed) {
  fixture f;
  if (ties) {
    f.points = tkt::random_ints(n, d, -3, 3, seed);
    f.centres = tkt::random_ints(k, d, -2, 2, seed + 1);
    if (k > 2)
      for (std::size_t j = 0; j < d; ++j) f.centres[(k - 1) * d + j] = f.centres[d + j];
  } else {
    f.points = tkt::random_reals(n, d, -40.0, 60.0, seed);
    f.centres = tkt::random_reals(k, d, -30.0, 50.0, seed + 1);
  }
  return f;
}

// One fused call against the table's two kernels, from the same non-zero starting sums.
void check_fused(const kn::kernel_table& kt, kn::assign_accumulate_fn fused, std::size_t n,
                 std::size_t d, std::size_t k, bool ties) {
  INFO(kt.name() << " n " << n << " d " << d << " k " << k << (ties ? " ties" : " real"));
  const fixture f = make_fixture(n, d, k, ties, 97 * n + 13 * d + k);
  std::vector<float> prepared(kn::prepared_floats(k, d));
  kn::prepare_centroids(f.centres.data(), k, d, prepared.data());
  std::vector<std::int32_t> ref_labels(n, -7), labels(n, -9);
  std::vector<float> ref_dist(n, -1.0f), dist(n, -2.0f);
  std::vector<double> ref_s(k * d, 0.5), s(k * d, 0.5), ref_w(k, 3.0), w(k, 3.0);
  kt.assign(f.points.data(), n, d, f.centres.data(), prepared.data(), k, ref_labels.data(),
            ref_dist.data());
  kt.accumulate(f.points.data(), nullptr, n, d, ref_labels.data(), ref_s.data(), ref_w.data());
  fused(f.points.data(), n, d, f.centres.data(), prepared.data(), k, labels.data(), dist.data(),
        s.data(), w.data());
  CHECK(labels == ref_labels);
  CHECK(tkt::same_bits(dist.data(), ref_dist.data(), n * sizeof(float)));
  CHECK(tkt::same_bits(s.data(), ref_s.data(), k * d * sizeof(double)));
  CHECK(tkt::same_bits(w.data(), ref_w.data(), k * sizeof(double)));
}

void check_table(const kn::kernel_table& kt) {
  const kn::assign_accumulate_fn fused = kn::assign_accumulate_of(kt);
  REQUIRE(fused != nullptr);
  for (std::size_t d = 1; d <= kn::accumulate_lanes_max_d; ++d)
    for (std::size_t k = 1; k <= kn::accumulate_lanes_max_k; ++k)
      for (const std::size_t n : kNs)
        for (const bool ties : {false, true}) check_fused(kt, fused, n, d, k, ties);
}

}  // namespace

TEST_CASE("assign_accumulate: the table's assign then accumulate, bit for bit", "[fused]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) { check_table(kt); });
}

#if TINYKM_HAVE_HWY
TEST_CASE("assign_accumulate: every Highway target, bit for bit", "[fused][hwy]") {
  const kn::kernel_table& hwy = *kn::table_of(kn::table_family::highway);
  tkt::for_each_hwy_target([&](const std::string&) { check_table(hwy); });
}
#endif

TEST_CASE("assign_accumulate: the Lloyd pass gives the same bits with and without it",
          "[fused]") {
  tkt::for_each_backend([](const kn::kernel_table& kt) {
    kn::kernel_table two_calls = kt;
    two_calls.assign_accumulate = nullptr;
    // Several blocks and chunks, a tail block, d and k inside and at the edge of the rule.
    const std::size_t n = 9000 + 77;
    for (const std::size_t d : {1u, 3u, 4u})
      for (const std::size_t k : {2u, 9u, 16u}) {
        INFO(kt.name() << " d " << d << " k " << k);
        const fixture f = make_fixture(n, d, k, false, d * 31 + k);
        tinykm::fit_params params;
        params.k = k;
        std::vector<unsigned char> b1(tinykm::fit_workspace_size(params, n, d)), b2(b1.size());
        tinykm::detail::fit_scratch s1 = tinykm::detail::carve_fit_scratch(params, n, d, b1.data());
        tinykm::detail::fit_scratch s2 = tinykm::detail::carve_fit_scratch(params, n, d, b2.data());
        const tinykm::detail::dataset data{f.points.data(), n, d, nullptr};
        std::vector<double> sums1(k * d), sums2(k * d), w1(k), w2(k);
        const double inertia1 =
            tinykm::detail::assign_pass(kt, data, f.centres.data(), k, s1, sums1.data(), w1.data());
        const double inertia2 = tinykm::detail::assign_pass(two_calls, data, f.centres.data(), k,
                                                            s2, sums2.data(), w2.data());
        CHECK(tkt::same_bits(&inertia1, &inertia2, sizeof(double)));
        CHECK(tkt::same_bits(sums1.data(), sums2.data(), k * d * sizeof(double)));
        CHECK(tkt::same_bits(w1.data(), w2.data(), k * sizeof(double)));
      }
  });
}
#else  // scalar only (firmware): the table has no fused kernel, the pass makes the two calls
TEST_CASE("assign_accumulate: none in a scalar-only build", "[fused]") {
  CHECK(kn::assign_accumulate_of(kn::active()) == nullptr);
}
#endif
