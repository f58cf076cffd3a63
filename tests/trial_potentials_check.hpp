// The trial_potentials check shared by the backend loop (test_init_speed_paths) and the Highway
// target loop (test_hwy_targets): kernels.hpp's rule written out from the same table's
// min_distance, closest first moved to the winner (if any), then each candidate's terms summed
// in blocks of potential_block(d) from the call's first point, lanes j % 8, the fixed tree,
// added to pot. Up to trial_max_count candidates beside a winner, d to trial_max_d.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "kernels.hpp"
#include "test_support.hpp"

namespace tkt {

inline void check_trial_potentials(const tinykm::kernels::kernel_table& kt) {
  const tinykm::kernels::trial_potentials_fn potentials = tinykm::kernels::trial_potentials_of(kt);
  if (potentials == nullptr) return;  // this backend's seeding calls min_distance per candidate
  static_assert(tinykm::kernels::trial_max_d == 16 && tinykm::kernels::trial_max_count == 15,
                "the shapes below reach the limits");
  for (const std::size_t d : {1u, 2u, 3u, 4u, 5u, 8u, 13u, 16u})
    for (const std::size_t count : {1u, 3u, 4u, 7u, 8u, 15u})
      for (const std::size_t n : {1u, 7u, 16u, 17u, 63u, 64u, 65u, 130u, 200u})
        for (const bool with_winner : {false, true}) {
          INFO(kt.name() << " d " << d << " count " << count << " n " << n << " winner "
                         << with_winner);
          const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 3.0, 7 * d + n);
          const std::vector<float> cands = tkt::random_reals(count + 1, d, -3.0, 3.0, 9 + count);
          const float* winner = with_winner ? &cands[count * d] : nullptr;
          // Magnitudes 2^-40 .. 2^40, so double sums round and any other order shows.
          std::vector<float> closest = tkt::random_reals(n + 8, 1, 0.0, 30.0, 5 + n);
          for (std::size_t i = 0; i < closest.size(); ++i)
            closest[i] = std::ldexp(closest[i], static_cast<int>(i * 7919 % 81) - 40);
          std::vector<float> want_closest(closest);
          if (winner != nullptr)
            kt.min_distance(pts.data(), n, d, winner, want_closest.data(), want_closest.data());
          std::vector<double> pot(count, 0.25), want(count, 0.25);
          std::vector<float> terms(n);
          for (std::size_t t = 0; t < count; ++t) {
            kt.min_distance(pts.data(), n, d, &cands[t * d], want_closest.data(), terms.data());
            const std::size_t block = tinykm::kernels::potential_block(d);
            for (std::size_t start = 0; start < n; start += block) {
              double lane[8] = {};
              for (std::size_t i = start; i < std::min(n, start + block); ++i)
                lane[(i - start) % 8] += static_cast<double>(terms[i]);
              want[t] += ((lane[0] + lane[1]) + (lane[2] + lane[3])) +
                         ((lane[4] + lane[5]) + (lane[6] + lane[7]));
            }
          }
          // moved apart from closest here (the seeding passes one array for both): closest is
          // only read, moved written only with a winner.
          const std::vector<float> closest_before(closest);
          std::vector<float> moved(n + 8, -1.0f);
          potentials(pts.data(), n, d, winner, cands.data(), count, closest.data(),
                     with_winner ? moved.data() : nullptr, pot.data());
          REQUIRE(closest == closest_before);
          if (with_winner)
            REQUIRE(tkt::same_bits(moved.data(), want_closest.data(), n * sizeof(float)));
          for (std::size_t i = with_winner ? n : 0; i < moved.size(); ++i) REQUIRE(moved[i] == -1.0f);
          REQUIRE(tkt::same_bits(pot.data(), want.data(), count * sizeof(double)));
        }
}

}  // namespace tkt
