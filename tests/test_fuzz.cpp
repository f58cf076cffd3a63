// Randomised robustness: many small fits with random shapes, parameters, weights (over a wide
// dynamic range) and degenerate data. Every one must succeed, stay finite, be reproducible and
// report an inertia that matches its own model. Under ASan/UBSan this also hunts for
// out-of-bounds accesses in the workspace carving and the empty-cluster repairs.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::empty_cluster_policy;
using tinykm::init_method;
using tinykm::status;

TEST_CASE("random small fits are finite and self-consistent", "[fuzz]") {
  tkt::rng r(0xF00D);
  const int cases = 1500;
  for (int c = 0; c < cases; ++c) {
    const std::size_t n = 1 + r.below(300);
    const std::size_t d = 1 + r.below(20);
    const std::size_t k = 1 + r.below(n < 20 ? n : 20);
    const int data_kind = static_cast<int>(r.below(4));
    std::vector<float> pts;
    const std::uint64_t seed = r.next();
    switch (data_kind) {
      case 0: pts = tkt::random_ints(n, d, -8, 8, seed); break;
      case 1: pts = tkt::random_reals(n, d, -100.0, 100.0, seed); break;
      case 2: pts = tkt::random_ints(n, d, 0, 1, seed); break;  // many duplicates
      default: {  // few distinct rows, repeated
        const std::size_t distinct = 1 + r.below(4);
        const std::vector<float> rows = tkt::random_reals(distinct, d, -1.0, 1.0, seed);
        for (std::size_t i = 0; i < n; ++i) {
          const std::size_t pick = r.below(distinct);
          pts.insert(pts.end(), rows.begin() + static_cast<std::ptrdiff_t>(pick * d),
                     rows.begin() + static_cast<std::ptrdiff_t>((pick + 1) * d));
        }
      }
    }
    std::vector<float> w;
    const int weight_kind = static_cast<int>(r.below(3));
    if (weight_kind == 1) {
      w = tkt::random_reals(n, 1, 0.1, 10.0, seed + 1);
    } else if (weight_kind == 2) {  // 1e-20 .. 1e20
      for (std::size_t i = 0; i < n; ++i)
        w.push_back(static_cast<float>(std::pow(10.0, r.uniform(-20.0, 20.0))));
    }
    const float* wp = w.empty() ? nullptr : w.data();
    std::vector<float> user = tkt::random_reals(k, d, -10.0, 10.0, seed + 2);

    tinykm::fit_params p;
    p.k = k;
    p.init = static_cast<init_method>(r.below(4));
    p.empty_cluster = static_cast<empty_cluster_policy>(r.below(3));
    p.n_init = static_cast<std::uint32_t>(1 + r.below(3));
    p.max_iter = static_cast<std::uint32_t>(1 + r.below(40));
    const double tols[] = {0.0, 1e-4, 1.0};
    p.tol = tols[r.below(3)];
    p.n_iter_check = static_cast<std::uint32_t>(r.below(3));
    p.seed = r.next();
    p.initial_centroids = user.data();

    INFO("case " << c << ": n=" << n << " d=" << d << " k=" << k << " data " << data_kind
                 << " weights " << weight_kind << " init " << tkt::init_name(p.init) << " policy "
                 << tkt::policy_name(p.empty_cluster) << " n_init " << p.n_init << " max_iter "
                 << p.max_iter << " tol " << p.tol << " check " << p.n_iter_check);
    tkt::fit_out f = tkt::run_fit(pts.data(), n, d, wp, p, static_cast<std::size_t>(c % 7));
    REQUIRE(f.st == status::ok);
    REQUIRE(f.k == k);
    REQUIRE(tkt::all_finite(f.centroids));
    REQUIRE(std::isfinite(f.result.inertia));
    CHECK(f.result.inertia >= 0.0);
    CHECK(f.result.iterations >= 1);
    CHECK(f.result.iterations <= p.max_iter);
    CHECK(f.result.best_init < (p.init == init_method::user ? 1u : p.n_init));
    double again = -1.0;
    REQUIRE(tinykm::inertia(f.view(), pts.data(), n, d, wp, &again) == status::ok);
    CHECK(f.result.inertia == again);  // same distances, same summation layout
    const double ref = tkt::ref_inertia(pts.data(), n, d, f.centroids.data(), k, wp);
    CHECK(std::fabs(f.result.inertia - ref) <= 1e-5 * ref + 1e-30);
    const std::vector<std::int32_t> labels = tkt::predict_labels(f.view(), pts.data(), n, d);
    bool in_range = true;
    for (std::int32_t l : labels) in_range = in_range && l >= 0 && static_cast<std::size_t>(l) < k;
    CHECK(in_range);
    // Reproducible to the bit, whatever the workspace's alignment.
    tkt::fit_out g = tkt::run_fit(pts.data(), n, d, wp, p, static_cast<std::size_t>((c + 3) % 11));
    REQUIRE(g.st == status::ok);
    CHECK(tkt::same_bits(f.centroids.data(), g.centroids.data(),
                         f.centroids.size() * sizeof(float)));
    CHECK(tkt::same_bits(&f.result.inertia, &g.result.inertia, sizeof(double)));
  }
}
