// Example firmware: a 3-axis accelerometer delivers one sample per tick; each goes through
// stream_update in a statically allocated state, and anomalies (shocks) and events are printed.
// No heap, no exceptions, no RTTI, no static constructors, no iostream.
#include <cstdint>

#include "semihosting.h"
#include "tinykm/stream.hpp"

namespace {

constexpr std::size_t axes = 3;
constexpr std::size_t postures = 4;
tinykm::static_stream<postures, axes, 256> stream;  // the whole state, in .bss

std::uint32_t rng = 2024u;
float jitter(float amplitude) {  // uniform in [-amplitude, amplitude)
  rng = rng * 1664525u + 1013904223u;
  return amplitude * (static_cast<float>(rng >> 8) / 8388608.0f - 1.0f);
}

// The "sensor": gravity along one of four postures, switching every 50 ticks, with a shock of
// 3 g on ticks 1700, 2900 and 3333.
void read_sensor(std::uint32_t tick, float* g) {
  static constexpr float gravity[postures][axes] = {
      {0.0f, 0.0f, 9.81f}, {9.81f, 0.0f, 0.0f}, {0.0f, -9.81f, 0.0f}, {0.0f, 6.9f, 6.9f}};
  const float* base = gravity[(tick / 50u) % postures];
  const bool shock = tick == 1700u || tick == 2900u || tick == 3333u;
  for (std::size_t a = 0; a < axes; ++a) g[a] = base[a] + jitter(0.3f) + (shock ? 29.4f : 0.0f);
}

}  // namespace

int main() {
  tinykm::stream_params params;
  params.k = postures;
  params.reservoir = 256;  // warm-up: about five visits of each posture
  params.rule = tinykm::update_rule::decay;
  params.half_life = 400.0f;
  params.anomaly_threshold = 2.0f;  // m/s^2 beyond a posture's learned radius
  params.learn_anomalies = false;
  if (tinykm::stream_init(params, axes, stream.state()) != tinykm::status::ok) return 1;

  bool was_ready = false;
  std::uint64_t reseeds = 0;
  for (std::uint32_t tick = 0; tick < 4000u; ++tick) {
    float g[axes];
    read_sensor(tick, g);
    tinykm::stream_sample out;
    if (tinykm::stream_update(stream.state(), g, &out) != tinykm::status::ok) return 2;
    tinykm::stream_info info;
    if (tinykm::stream_get_info(stream.state(), &info) != tinykm::status::ok) return 3;
    if (info.ready && !was_ready) {
      sh_puts("tick ");
      sh_put_int(static_cast<long>(tick));
      sh_puts(": warm-up done, centres seeded\n");
      was_ready = true;
    }
    if (info.counters.reseeds != reseeds) {
      sh_puts("tick ");
      sh_put_int(static_cast<long>(tick));
      sh_puts(": dead cluster reseeded\n");
      reseeds = info.counters.reseeds;
    }
    if (out.anomaly) {
      sh_puts("tick ");
      sh_put_int(static_cast<long>(tick));
      sh_puts(": ANOMALY score ");
      sh_put_float(out.score, 2);
      sh_puts(" near posture ");
      sh_put_int(out.label);
      sh_puts("\n");
    }
  }
  tinykm::stream_info info;
  if (tinykm::stream_get_info(stream.state(), &info) != tinykm::status::ok) return 3;
  sh_puts("samples ");
  sh_put_int(static_cast<long>(info.counters.samples));
  sh_puts(", anomalies ");
  sh_put_int(static_cast<long>(info.counters.anomalies));
  sh_puts(", reseeds ");
  sh_put_int(static_cast<long>(info.counters.reseeds));
  sh_puts("\n");
  // The three shocks, and nothing else, are the anomalies.
  return info.counters.anomalies == 3 ? 0 : 4;
}
