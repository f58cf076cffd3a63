// The near-tie margin of the blocked assign kernels (derivation in near_tie_margin.hpp).
#include "near_tie_margin.hpp"

namespace tinykm::kernels {

namespace {
double gamma_of(std::size_t m) {
  const double mu = static_cast<double>(m) * 0x1p-24;
  return mu / (1.0 - mu);
}
}  // namespace

near_tie_margin near_tie_margin_of(std::size_t d) noexcept {
  const double per_s = 8.0 * gamma_of(d + 2) / (1.0 - gamma_of(d + 6));
  // float rounds to nearest: one part in 2^20 up keeps both above the bound.
  const double up = 1.0 + 0x1p-20;
  return {static_cast<float>(per_s * up),
          static_cast<float>(static_cast<double>(d + 1) * 0x1p-146 * up)};
}

}  // namespace tinykm::kernels
