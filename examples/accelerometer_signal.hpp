// Synthetic signals shared by the examples, the tests and the benchmarks (each adds examples/ to
// its include path): splitmix64, a small fixed generator, so every run sees the same data, and
// the accelerometer of examples/accelerometer_stream.cpp.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace tinykm_signal {

// splitmix64 (Steele, Lea and Flood): tiny, well mixed and the same everywhere.
struct splitmix64 {
  std::uint64_t state;
  explicit splitmix64(std::uint64_t seed) : state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // [0, 1)
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // [0, 1) in float, from 24 bits (converting uniform() could round up to 1).
  float uniform_float() { return static_cast<float>(next() >> 40) * 0x1.0p-24f; }
  // integer in [lo, hi]
  std::int64_t int_in(std::int64_t lo, std::int64_t hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1u;
    return lo + static_cast<std::int64_t>(next() % span);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // Standard normal, Box-Muller (one value per call: simplicity beats speed here).
  double normal() {
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

// An accelerometer on a machine, in g. The machine sits in one of four postures for 2000
// samples at a time, each posture a gravity direction plus sensor noise (0.04 g) and motor
// vibration (0.02 g); the sensor's bias drifts slowly (0.15 g over the run), and from halfway on
// a fifth posture appears that was never seen before. After the first 12000 samples, about
// 0.5 % of them carry a shock: 2 to 4 g in a random direction.
struct accelerometer {
  static constexpr std::size_t d = 3, postures = 5;
  static constexpr double gravity[postures][d] = {
      {0.0, 0.0, 1.0}, {0.0, 1.0, 0.0}, {0.7, 0.0, 0.7}, {0.0, -0.7, 0.7}, {-0.6, 0.6, 0.5}};

  long samples;  // length of the run: the drift and the fifth posture follow it
  splitmix64 gen;
  std::size_t posture = 0;

  accelerometer(long run_samples, std::uint64_t seed) : samples(run_samples), gen(seed) {}

  // Sample i of the run (call with i = 0, 1, 2, ..) into x; true when it carries a shock.
  bool sample(long i, float* x) {
    if (i % 2000 == 0) {  // the machine changes posture; the fifth exists from halfway on
      const std::size_t known = i < samples / 2 ? 4 : 5;
      posture = static_cast<std::size_t>(gen.next() % known);
    }
    const double bias = 0.15 * static_cast<double>(i) / static_cast<double>(samples);
    for (std::size_t j = 0; j < d; ++j)
      x[j] = static_cast<float>(gravity[posture][j] + bias + 0.04 * gen.normal() +
                                0.02 * std::sin(0.9 * static_cast<double>(i) + static_cast<double>(j)));
    const bool shock = i > 12000 && gen.uniform() < 0.005;
    if (shock) {
      const double size = 2.0 + 2.0 * gen.uniform();
      const double v[d] = {gen.normal(), gen.normal(), gen.normal()};
      const double norm = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      for (std::size_t j = 0; j < d; ++j) x[j] += static_cast<float>(size * v[j] / norm);
    }
    return shock;
  }
};

}  // namespace tinykm_signal
