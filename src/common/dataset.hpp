// The data one fit works on and the threads it may use: what every pass over the points reads.
#pragma once

#include <cstddef>

#include "tinykm/parallel.hpp"

namespace tinykm::detail {

// The data one fit works on, and the threads it may use. weights may be null (all 1);
// parallel may be null or have a null run (everything on the calling thread).
struct dataset {
  const float* points;
  std::size_t n;
  std::size_t d;
  const float* weights;
  const parallel_for* parallel = nullptr;
};

// Weight of point i (1 without weights).
inline double weight_of(const dataset& data, std::size_t i) noexcept {
  return data.weights ? static_cast<double>(data.weights[i]) : 1.0;
}

}  // namespace tinykm::detail
