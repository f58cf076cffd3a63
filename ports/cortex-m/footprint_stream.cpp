// Footprint profile (b): predict, plus a stream that learns on the device, per sample: update
// with decay and anomaly score. Built twice: without TINYKM_FOOTPRINT_SETUP the stream's memory
// is assumed laid out already (the per-sample code alone); with it, the firmware also makes the
// stream itself from centroids it ships (stream_init + stream_seed), profile (b) + set-up.
#include "tinykm/kmeans.hpp"
#include "tinykm/stream.hpp"

namespace {
float centroids[8 * 3];
float samples[16 * 3];
std::int32_t labels[16];
tinykm::static_stream<8, 3> stream;
}  // namespace

int main() {
  float* volatile centres = centroids;
  float* volatile xs = samples;
  const tinykm::model_view model{centres, 8 * 3, 8, 3};
  int result = static_cast<int>(tinykm::predict(model, xs, 16, 3, labels));
#if TINYKM_FOOTPRINT_SETUP
  tinykm::stream_params params;
  params.rule = tinykm::update_rule::decay;
  result += static_cast<int>(tinykm::stream_init(params, 3, stream.state()));
  result += static_cast<int>(tinykm::stream_seed(stream.state(), centres));
#endif
  tinykm::stream_sample out;
  for (int i = 0; i < 16; ++i) {
    result += static_cast<int>(tinykm::stream_update_ready(stream.state(), xs + 3 * i, &out));
  }
  float score = 0.0f;
  bool anomaly = false;
  result += static_cast<int>(tinykm::stream_score(stream.state(), xs, &score, &anomaly));
  return result + (anomaly ? 1 : 0);
}
