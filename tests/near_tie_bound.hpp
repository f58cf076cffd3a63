// The README's near-tie bound for an assign kernel on real data: the exact (double) squared
// distance of each point's label exceeds the exact best by at most 4 (d + 3) 2^-24 of it, the
// reported distance is within a relative 1e-5 of the label's, and fit's path (prepared centres)
// reports the same labels and bits as predict's (none). Used per backend and per Highway target.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels.hpp"
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

}  // namespace tkt
