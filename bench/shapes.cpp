#include "shapes.hpp"

#include <cmath>
#include <cstdint>
#include <vector>

#include "random.hpp"  // tinykm's own xoshiro256**: the same data on every platform's libstdc++

namespace tinykm_bench {

namespace {

constexpr double box = 4.0;  // centres in [-box, box]^d
constexpr double two_pi = 6.283185307179586476925;

std::vector<float> generate(const shape& s, std::uint64_t seed) {
  tinykm::detail::rng g(seed);
  std::vector<double> centres(s.k * s.d);
  for (double& c : centres) c = box * (2.0 * g.uniform() - 1.0);

  std::vector<float> points(s.n * s.d);
  // Box-Muller, both outputs used; `spare` carries the second one to the next call.
  bool have_spare = false;
  double spare = 0.0;
  auto normal = [&]() {
    if (have_spare) {
      have_spare = false;
      return spare;
    }
    const double u1 = 1.0 - g.uniform();  // (0, 1]
    const double u2 = g.uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare = r * std::sin(two_pi * u2);
    have_spare = true;
    return r * std::cos(two_pi * u2);
  };
  for (std::size_t i = 0; i < s.n; ++i) {
    const double* c = &centres[static_cast<std::size_t>(g.below(s.k)) * s.d];
    float* p = &points[i * s.d];
    for (std::size_t j = 0; j < s.d; ++j) p[j] = static_cast<float>(c[j] + normal());
  }
  return points;
}

}  // namespace

const float* planted_blobs(std::size_t index) {
  static std::vector<float> cache[n_reference_shapes];
  std::vector<float>& data = cache[index];
  if (data.empty()) data = generate(reference_shapes[index], 1000 + index);
  return data.data();
}

}  // namespace tinykm_bench
