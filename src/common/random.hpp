// tinykm's own pseudo-random generator: xoshiro256** seeded through splitmix64 (Blackman and
// Vigna). Integer-only and written out here so the same seed gives the same stream on every
// compiler, ISA and standard library (std::uniform_*_distribution does not promise that).
#pragma once

#include <cstdint>

namespace tinykm::detail {

class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept {
    for (std::uint64_t& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound), bound >= 1, without modulo bias (rejection sampling).
  std::uint64_t below(std::uint64_t bound) noexcept {
    const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return r % bound;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t s_[4];
};

// Uniform in [0, 1) for row `row` in round `round` of a draw seeded with `seed`: a hash of the
// row, not a draw from a stream, so whether a row is picked depends on no other row, thread or
// rank (k-means||).
inline double row_uniform(std::uint64_t seed, std::uint32_t round, std::uint64_t row) noexcept {
  std::uint64_t z = seed ^ (0x9e3779b97f4a7c15ULL * (row + 1)) ^
                    (0xd1b54a32d192ed03ULL * (static_cast<std::uint64_t>(round) + 1));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  // Through int64 (exact below 2^53): one signed conversion instead of the unsigned sequence.
  return static_cast<double>(static_cast<std::int64_t>(z >> 11)) * 0x1.0p-53;
}

}  // namespace tinykm::detail
