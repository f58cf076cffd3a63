// The README's near-tie bound for an assign kernel on real data: the exact (double) squared
// distance of each point's label exceeds the exact best by at most 4 (d + 3) 2^-24 of it, the
// reported distance is within a relative 1e-5 of the label's, and fit's path (prepared centres)
// reports the same labels and bits as predict's (none). Used per backend and per Highway target.
// Also check_margin_edges: integer near ties at the blocked kernels' re-check margin.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "kernels.hpp"
#include "near_tie_margin.hpp"
#include "tinykm/config.hpp"
#include "test_support.hpp"

namespace tkt {

inline void check_near_tie_bound(tinykm::kernels::assign_fn assign) {
  namespace tk = tinykm::kernels;
  for (const std::size_t d : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 15u, 16u, 17u, 31u, 64u, 128u})
    for (const std::size_t k : {1u, 2u, 7u, 16u, 33u, 256u}) {
      const std::size_t n = 300;
      const std::uint64_t seed = n * 1000003u + d * 1009u + k + 13;
      const std::vector<float> points = random_reals(n, d, -10.0, 30.0, seed);
      const std::vector<float> centres = random_reals(k, d, -10.0, 30.0, seed + 1);
      std::vector<float> prepared(tk::prepared_floats(k, d));
      tk::prepare_centroids(centres.data(), k, d, prepared.data());
      std::vector<std::int32_t> labels[2] = {std::vector<std::int32_t>(n),
                                             std::vector<std::int32_t>(n)};
      std::vector<float> dist[2] = {std::vector<float>(n), std::vector<float>(n)};
      for (const int with_prepared : {0, 1}) {
        INFO("d " << d << " k " << k << " prepared " << with_prepared);
        assign(points.data(), n, d, centres.data(), with_prepared ? prepared.data() : nullptr,
               k, labels[with_prepared].data(), dist[with_prepared].data());
        std::size_t bad = 0;
        for (std::size_t i = 0; i < n; ++i) {
          double best = std::numeric_limits<double>::infinity();
          for (std::size_t c = 0; c < k; ++c) {
            const double e = ref_sqdist(&points[i * d], &centres[c * d], d);
            best = e < best ? e : best;
          }
          const std::size_t label = static_cast<std::size_t>(labels[with_prepared][i]);
          const double chosen = ref_sqdist(&points[i * d], &centres[label * d], d);
          if (chosen > best + 4.0 * static_cast<double>(d + 3) * 0x1p-24 * best) ++bad;
          const double got = static_cast<double>(dist[with_prepared][i]);
          if (std::fabs(got - chosen) > 1e-5 * chosen + 1e-6) ++bad;
        }
        CHECK(bad == 0);
      }
      INFO("d " << d << " k " << k);
      CHECK(labels[0] == labels[1]);
      CHECK(same_bits(dist[0].data(), dist[1].data(), n * sizeof(float)));
    }
}

// Near ties on both sides of the re-check margin M (near_tie_margin.hpp) on integer data, where
// every backend's exact form is exact (each competing squared distance is an integer below
// 2^23) while the norm form, at |x|^2 about d m^2, is not. Labels must be the exact rule's
// (lowest index on ties), min_dist the exact distance, with and without `prepared`.
// 8 centre pairs: pair q is 2q, 2q + 1 = B_q -/+ h_q e_q, B_q about m + 1000 q in every feature
// (pairs never compete); a point of pair q is B_q + t e_q + noise in {-1, 0, 1} elsewhere, so its
// two distances differ by 4 h_q t exactly. Even pairs: h = 1, |t| <= 3 (ties, hair-thin gaps far
// below M); odd pairs: gaps from M / 2 to 2 M (where M is small enough for exact distances).
inline double squared_norm(const float* x, std::size_t d) {
  return std::inner_product(x, x + d, x, 0.0);
}

struct margin_case {
  std::vector<float> points, centres;
  std::size_t n, d, k;
  std::size_t below, above;  // points whose exact gap lies in [M / 2, M] and in (M, 2 M]
  std::size_t norm_form_wrong;
};

inline margin_case margin_edges(std::size_t d, float m, std::uint64_t seed) {
  namespace tk = tinykm::kernels;
  const std::size_t pairs = 8, n = 240;
  margin_case mc{std::vector<float>(n * d), std::vector<float>(2 * pairs * d), n, d, 2 * pairs,
                 0, 0, 0};
  rng r(seed);
  const tk::near_tie_margin tie = tk::near_tie_margin_of(d);
  std::vector<float> bases(pairs * d);
  for (std::size_t q = 0; q < pairs; ++q)
    for (std::size_t j = 0; j < d; ++j)
      bases[q * d + j] = m + 1000.0f * static_cast<float>(q) +
                         static_cast<float>(r.int_in(-20, 20));
  const double max_norm = squared_norm(&bases[(pairs - 1) * d], d);  // about: the exact M varies
  std::vector<double> h(pairs, 1.0), t_margin(pairs, 0.0);
  for (std::size_t q = 1; q < pairs; q += 2) {
    const double margin = static_cast<double>(tie.per_s) * (squared_norm(&bases[q * d], d) + max_norm);
    h[q] = std::ceil(std::sqrt(margin));
    t_margin[q] = margin / (4.0 * h[q]);  // t where the gap 4 h t is M
    if ((1.5 * h[q] + 1.0) * (1.5 * h[q] + 1.0) + static_cast<double>(d) > 0x1p23) h[q] = 1.0;
  }
  for (std::size_t q = 0; q < pairs; ++q)
    for (std::size_t j = 0; j < d; ++j) {
      const float shift = j == q ? static_cast<float>(h[q]) : 0.0f;
      mc.centres[2 * q * d + j] = bases[q * d + j] - shift;
      mc.centres[(2 * q + 1) * d + j] = bases[q * d + j] + shift;
    }
  const double scales[] = {-2.0, -1.1, -1.02, -0.98, -0.9, -0.5, 0.5, 0.9, 0.98, 1.02, 1.1, 2.0};
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t q = i % pairs, step = i / pairs;
    double t = static_cast<double>(step % 7) - 3.0;
    if (h[q] > 1.0) t = std::round(t_margin[q] * scales[step % 12]);
    for (std::size_t j = 0; j < d; ++j)
      mc.points[i * d + j] =
          bases[q * d + j] + (j == q ? static_cast<float>(t) : static_cast<float>(r.int_in(-1, 1)));
  }
  return mc;
}

// Counts the points whose exact gap (runner-up minus best) lies just below and above their M,
// and those the bare float32 norm form (no re-check) labels wrongly.
inline void count_margin_sides(margin_case& mc) {
  const tinykm::kernels::near_tie_margin tie = tinykm::kernels::near_tie_margin_of(mc.d);
  double max_norm = 0.0;
  for (std::size_t c = 0; c < mc.k; ++c)
    max_norm = std::max(max_norm, squared_norm(&mc.centres[c * mc.d], mc.d));
  for (std::size_t i = 0; i < mc.n; ++i) {
    const float* x = &mc.points[i * mc.d];
    double best = std::numeric_limits<double>::infinity(), second = best;
    float norm_best = std::numeric_limits<float>::infinity();
    std::size_t exact_c = 0, norm_c = 0;
    for (std::size_t c = 0; c < mc.k; ++c) {
      const float* centre = &mc.centres[c * mc.d];
      const double e = ref_sqdist(x, centre, mc.d);
      second = e < best ? best : std::min(second, e);
      exact_c = e < best ? c : exact_c;
      best = std::min(best, e);
      float cc = 0.0f, xc = 0.0f;
      for (std::size_t j = 0; j < mc.d; ++j) {
        cc = std::fma(centre[j], centre[j], cc);
        xc = std::fma(x[j], centre[j], xc);
      }
      const float f = std::fma(-2.0f, xc, cc);
      norm_c = f < norm_best ? c : norm_c;
      norm_best = std::min(norm_best, f);
    }
    mc.norm_form_wrong += norm_c != exact_c ? 1u : 0u;
    const double margin = static_cast<double>(tie.per_s) * (squared_norm(x, mc.d) + max_norm);
    mc.below += second - best >= margin / 2 && second - best <= margin ? 1u : 0u;
    mc.above += second - best > margin && second - best <= 2 * margin ? 1u : 0u;
  }
}

inline void check_margin_edges(tinykm::kernels::assign_fn assign) {
  namespace tk = tinykm::kernels;
  std::size_t below = 0, above = 0, norm_form_wrong = 0;
  for (const std::size_t d : {std::size_t{17}, std::size_t{31}, std::size_t{64}, std::size_t{128},
                              std::size_t{512}, tinykm::max_d})
    for (const float m : {3000.0f, 30000.0f}) {
      margin_case mc = margin_edges(d, m, d * 7919u + static_cast<std::uint64_t>(m));
      count_margin_sides(mc);
      below += mc.below;
      above += mc.above;
      norm_form_wrong += mc.norm_form_wrong;
      std::vector<float> prepared(tk::prepared_floats(mc.k, d));
      tk::prepare_centroids(mc.centres.data(), mc.k, d, prepared.data());
      std::vector<std::int32_t> want(mc.n), labels(mc.n);
      std::vector<float> want_dist(mc.n), dist(mc.n);
      for (std::size_t i = 0; i < mc.n; ++i) {  // the exact rule, in double (exact here)
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t c = 0; c < mc.k; ++c) {
          const double e = ref_sqdist(&mc.points[i * d], &mc.centres[c * d], d);
          if (e < best) {
            best = e;
            want[i] = static_cast<std::int32_t>(c);
          }
        }
        want_dist[i] = static_cast<float>(best);
      }
      for (const bool with_prepared : {true, false}) {
        INFO("d " << d << " m " << m << " prepared " << with_prepared);
        assign(mc.points.data(), mc.n, d, mc.centres.data(),
               with_prepared ? prepared.data() : nullptr, mc.k, labels.data(), dist.data());
        CHECK(labels == want);
        CHECK(same_bits(dist.data(), want_dist.data(), mc.n * sizeof(float)));
      }
    }
  CHECK(below > 0);  // the data straddles the margin
  CHECK(above > 0);
  CHECK(norm_form_wrong > 0);  // and is hard: without the re-check, labels go wrong
}

}  // namespace tkt
