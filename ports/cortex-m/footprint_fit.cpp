// Footprint profile (c): full batch training on the device: k-means++ with restarts, Lloyd,
// empty-cluster repair. (Predicting with the result adds profile (a).)
#include "tinykm/kmeans.hpp"

namespace {
float samples[256 * 3];
alignas(64) unsigned char workspace[16 * 1024];
tinykm::static_model<8, 3> model;
}  // namespace

int main() {
  float* volatile xs = samples;
  tinykm::fit_params params;
  params.n_init = 3;
  return static_cast<int>(
      tinykm::fit(xs, 256, 3, nullptr, params, model, workspace, sizeof workspace));
}
