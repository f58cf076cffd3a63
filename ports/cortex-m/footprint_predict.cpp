// Footprint profile (a): a firmware that only predicts with a model it ships (no training).
// Inputs come through volatile pointers so the compiler keeps every call.
#include "tinykm/kmeans.hpp"

namespace {
float centroids[8 * 3];
float samples[16 * 3];
std::int32_t labels[16];
}  // namespace

int main() {
  float* volatile centres = centroids;
  float* volatile xs = samples;
  const tinykm::model_view model{centres, 8 * 3, 8, 3};
  return static_cast<int>(tinykm::predict(model, xs, 16, 3, labels)) + labels[0];
}
