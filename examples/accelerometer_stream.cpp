// An accelerometer on a machine, streamed into tinykm one sample at a time, as firmware would:
// a statically allocated stream state, no heap, one stream_update per sample.
//
// The signal (accelerometer_signal.hpp): four postures of the machine, a slowly drifting bias,
// a fifth posture from halfway on, and about 0.5 % of samples with a shock: the anomalies.
//
// Prints the warm-up, every reseed, the first flagged samples, and at the end how many shocks
// were caught (recall) and how many flags were shocks (precision). Exits non-zero if either
// falls below 0.9, so the test that runs it checks the claim.
//
//   tinykm_accelerometer [samples] [seed]
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "accelerometer_signal.hpp"
#include "tinykm/tinykm.hpp"

namespace {

constexpr std::size_t k = tinykm_signal::accelerometer::postures;
constexpr std::size_t d = tinykm_signal::accelerometer::d;

tinykm::static_stream<k, d, 10000> stream;  // the whole state: no heap, no constructor code

}  // namespace

int main(int argc, char** argv) {
  const long samples = argc > 1 ? std::atol(argv[1]) : 200000;
  tinykm_signal::accelerometer signal(samples, argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1);

  tinykm::stream_params params;
  params.k = k;
  params.rule = tinykm::update_rule::decay;
  params.half_life = 20000.0f;  // forget with a half-life of 20000 samples: follows drift
  // Postures last ~2000 samples: the warm-up must see several of them, or every first centre
  // sits in the first posture.
  params.reservoir = 10000;
  if (tinykm::stream_init(params, d, stream.state()) != tinykm::status::ok) return 2;

  long shocks = 0, caught = 0, flagged = 0, printed = 0;
  std::uint64_t reseeds = 0;
  bool was_ready = false;
  for (long i = 0; i < samples; ++i) {
    float x[d];
    const bool shock = signal.sample(i, x);

    tinykm::stream_sample out;
    const tinykm::status s = tinykm::stream_update(stream.state(), x, &out);
    if (s != tinykm::status::ok) {
      std::printf("sample %ld rejected: %s\n", i, tinykm::to_string(s));
      return 2;
    }
    tinykm::stream_info info;
    if (tinykm::stream_get_info(stream.state(), &info) != tinykm::status::ok) return 2;
    if (info.ready && !was_ready)
      std::printf("sample %6ld  warm-up done: %zu centres seeded from %zu samples\n", i, k,
                  info.reservoir);
    was_ready = info.ready;
    if (info.counters.reseeds != reseeds)
      std::printf("sample %6ld  reseed: a dead cluster moved into the busiest one\n", i);
    reseeds = info.counters.reseeds;
    if (i <= 12000) continue;  // warm-up and settling
    shocks += shock;
    flagged += out.anomaly;
    caught += shock && out.anomaly;
    if (out.anomaly && printed < 10) {
      ++printed;
      std::printf("sample %6ld  anomaly: score %5.2f g  (%+.2f %+.2f %+.2f)%s\n", i,
                  static_cast<double>(out.score), static_cast<double>(x[0]),
                  static_cast<double>(x[1]), static_cast<double>(x[2]),
                  shock ? "  [injected shock]" : "");
    }
  }
  tinykm::stream_info info;
  if (tinykm::stream_get_info(stream.state(), &info) != tinykm::status::ok) return 2;
  const double recall = shocks ? static_cast<double>(caught) / static_cast<double>(shocks) : 1.0;
  const double precision =
      flagged ? static_cast<double>(caught) / static_cast<double>(flagged) : 1.0;
  std::printf("\n%llu samples, %llu reseeds, drift signal (mean squared distance) %.4f g^2\n",
              static_cast<unsigned long long>(info.counters.samples),
              static_cast<unsigned long long>(info.counters.reseeds),
              static_cast<double>(info.counters.inertia_ewma));
  std::printf("shocks injected %ld, flagged %ld, caught %ld: recall %.3f, precision %.3f\n",
              shocks, flagged, caught, recall, precision);
  tinykm::model_view centres;
  if (tinykm::stream_model(stream.state(), &centres) == tinykm::status::ok)
    for (std::size_t c = 0; c < k; ++c)
      std::printf("centre %zu: (%+.3f %+.3f %+.3f)\n", c,
                  static_cast<double>(centres.centroids[c * d]),
                  static_cast<double>(centres.centroids[c * d + 1]),
                  static_cast<double>(centres.centroids[c * d + 2]));
  return recall >= 0.9 && precision >= 0.9 ? 0 : 1;
}
