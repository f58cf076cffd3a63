// Instructions per stream_update on the Cortex-M4, counted under QEMU with -icount (each
// instruction advances the virtual clock by the same time, so SysTick counts instructions).
// The tick-to-instruction ratio is calibrated on a loop of known length; the cycle estimate
// multiplies by the Cortex-M4's cycles per instruction (see README: 1.0 to 1.5 for this code).
// Prints one line per stream shape (fails if a count is zero); ctest checks the counts against
// their pins in figures.txt (figures.py), which the README quotes.
#include <cstdint>

#include "semihosting.h"
#include "tinykm/stream.hpp"

namespace {

volatile std::uint32_t* const systick_ctrl = reinterpret_cast<volatile std::uint32_t*>(0xE000E010u);
volatile std::uint32_t* const systick_load = reinterpret_cast<volatile std::uint32_t*>(0xE000E014u);
volatile std::uint32_t* const systick_value = reinterpret_cast<volatile std::uint32_t*>(0xE000E018u);
constexpr std::uint32_t systick_max = 0xFFFFFFu;  // a 24-bit down-counter

void start_ticks() {
  *systick_ctrl = 0;
  *systick_load = systick_max;
  *systick_value = 0;
  *systick_ctrl = 5;  // enable, processor clock, no interrupt
}

std::uint32_t ticks_since_start() { return systick_max - *systick_value; }

// Executes 2 x iterations + 1 instructions: "subs; bne" per iteration.
void known_loop(std::uint32_t iterations) {
  __asm__ volatile(
      "1: subs %0, %0, #1\n\t"
      "bne 1b"
      : "+r"(iterations)
      :
      : "cc");
}

constexpr std::size_t updates = 2000;
float samples[updates * 16];

std::uint32_t rng = 99u;
float uniform() {
  rng = rng * 1664525u + 1013904223u;
  return static_cast<float>(rng >> 8) / 16777216.0f;
}

template <std::size_t K, std::size_t D>
bool measure(const char* shape, tinykm::static_stream<K, D>& stream, float instructions_per_tick) {
  tinykm::stream_params params;
  params.k = K;
  params.rule = tinykm::update_rule::decay;
  params.half_life = 500.0f;
  if (tinykm::stream_init(params, D, stream.state()) != tinykm::status::ok) return false;
  float x[D];
  // Blobs around K centres on a line; the warm-up ends inside this loop.
  auto next_sample = [&x]() {
    const float centre = static_cast<float>(static_cast<std::size_t>(uniform() * K));
    for (std::size_t j = 0; j < D; ++j) x[j] = 4.0f * centre + uniform();
  };
  for (std::size_t i = 0; i < 16 * K + 100; ++i) {
    next_sample();
    if (tinykm::stream_update(stream.state(), x) != tinykm::status::ok) return false;
  }
  // Timed as one run over stored samples: the counter's 40-instruction resolution then costs
  // under one instruction per update, and making samples is not counted.
  for (std::size_t i = 0; i < updates; ++i) {
    next_sample();
    for (std::size_t j = 0; j < D; ++j) samples[i * D + j] = x[j];
  }
  start_ticks();
  for (std::size_t i = 0; i < updates; ++i) {
    if (tinykm::stream_update(stream.state(), samples + i * D) != tinykm::status::ok) return false;
  }
  const std::uint32_t ticks = ticks_since_start();
  const float per_update = static_cast<float>(ticks) * instructions_per_tick / static_cast<float>(updates);
  sh_puts(shape);
  sh_puts(": ");
  sh_put_float(per_update, 0);
  sh_puts(" instructions per stream_update (decay, anomaly score)\n");
  return per_update > 0.0f;
}

tinykm::static_stream<8, 3> sensor3d;
tinykm::static_stream<64, 16> sensor16d;

}  // namespace

int main() {
  constexpr std::uint32_t loop = 1000000;
  start_ticks();
  known_loop(loop);
  const std::uint32_t calibration = ticks_since_start();
  if (calibration == 0) {
    sh_puts("SysTick does not count: run under qemu-system-arm -icount shift=0\n");
    return 1;
  }
  const float instructions_per_tick = static_cast<float>(2 * loop + 1) / static_cast<float>(calibration);
  sh_puts("calibration: ");
  sh_put_float(instructions_per_tick, 2);
  sh_puts(" instructions per SysTick tick\n");
  bool ok = measure("d=3, k=8", sensor3d, instructions_per_tick);
  ok = measure("d=16, k=64", sensor16d, instructions_per_tick) && ok;
  return ok ? 0 : 1;
}
