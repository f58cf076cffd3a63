// Checks a backend's kernels::lanes_nearest and lanes_nearest_one (the streams' kernels) against
// the scalar reference, bit for bit: labels, squares and scores, on real-valued data (the kernels fuse no
// multiply-add the scalar reference does not) and on integer data with tied centres.
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels.hpp"
#include "test_support.hpp"

namespace tkt {

// Centres (k x d) written into lanes (d x kp, kp = k rounded up to 8), padding +infinity.
inline std::vector<float> lanes_of(const std::vector<float>& centres, std::size_t k,
                                   std::size_t d, std::size_t kp) {
  std::vector<float> lanes(d * kp, std::numeric_limits<float>::infinity());
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t j = 0; j < d; ++j) lanes[j * kp + c] = centres[c * d + j];
  return lanes;
}

// `one`, the backend's lanes_nearest_one, is checked on every point too.
inline void check_lanes_nearest(const char* name, tinykm::kernels::lanes_nearest_fn fn,
                                tinykm::kernels::lanes_nearest_one_fn one) {
  namespace kn = tinykm::kernels;
  const std::size_t n = 37;
  // kp 8 .. 264: whole 16-lane vectors, groups of four, and 8-lane tails after them.
  for (const std::size_t d : {1u, 2u, 3u, 5u, 16u, 17u, 128u})
    for (const std::size_t k : {1u, 7u, 8u, 9u, 24u, 64u, 70u, 256u})
      for (const bool integer : {false, true}) {
        INFO(name << " d " << d << " k " << k << (integer ? " integer" : " real"));
        const std::size_t kp = (k + kn::lanes_pad - 1) / kn::lanes_pad * kn::lanes_pad;
        const std::uint64_t seed = d * 1000 + k * 2 + (integer ? 1 : 0);
        const std::vector<float> x = integer ? random_ints(n, d, -8, 8, seed)
                                             : random_reals(n, d, -10.0, 10.0, seed);
        std::vector<float> c = integer ? random_ints(k, d, -8, 8, seed + 1)
                                       : random_reals(k, d, -10.0, 10.0, seed + 1);
        for (std::size_t t = 2; integer && t < k; t += 3)  // exact ties: the lowest index wins
          for (std::size_t j = 0; j < d; ++j) c[t * d + j] = c[(t - 2) * d + j];
        const std::vector<float> lanes = lanes_of(c, k, d, kp);
        std::vector<float> radius = random_reals(kp, 1, 0.0, 3.0, seed + 2);
        for (std::size_t l = k; l < kp; ++l) radius[l] = 0.0f;
        std::vector<std::int32_t> want_l(n), got_l(n, -1);
        std::vector<float> want_s(n), got_s(n, -1.0f), want_e(n), got_e(n, -1.0f);
        kn::lanes_nearest_scalar(x.data(), n, d, lanes.data(), radius.data(), kp, want_l.data(),
                                 want_s.data(), want_e.data());
        fn(x.data(), n, d, lanes.data(), radius.data(), kp, got_l.data(), got_s.data(),
           got_e.data());
        CHECK(got_l == want_l);
        CHECK(same_bits(got_s.data(), want_s.data(), n * sizeof(float)));
        CHECK(same_bits(got_e.data(), want_e.data(), n * sizeof(float)));
        for (std::size_t i = 0; i < n; ++i) {
          kn::lanes_hit hit{};
          one(&x[i * d], d, lanes.data(), radius.data(), kp, &hit);
          got_l[i] = hit.label;
          got_s[i] = hit.square;
          got_e[i] = hit.score;
        }
        CHECK(got_l == want_l);
        CHECK(same_bits(got_s.data(), want_s.data(), n * sizeof(float)));
        CHECK(same_bits(got_e.data(), want_e.data(), n * sizeof(float)));
      }
}

}  // namespace tkt
