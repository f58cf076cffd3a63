// Soak: a long streaming run with drift and anomalies (not in ctest; minutes at 10^8 updates).
//
//   tinykm_soak_stream [updates = 100000000] [d = 3] [k = 8]
//
// Two streams see the same samples: A (decay rule, one stream_update per sample, learns from
// anomalies) and B (running mean, stream_update_batch of 64, does not). The k sources drift on slow circles, one source at a time
// vanishes and reappears elsewhere (dead clusters to reseed), and 0.1 % of samples are far-off
// anomalies. Every 2^20 samples it checks that every centre, weight and counter is finite, that
// the weights stay bounded (decay: their sum <= 1 / (1 - a) + k; running mean: <= samples), and
// that the guard bytes around each state are intact. At the end it compares the anonymous
// resident set (/proc/self/statm) with the one after warm-up and the first check. Exit status 1 on any failure.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <vector>

#include "accelerometer_signal.hpp"
#include "tinykm/tinykm.hpp"

namespace {

// Resident pages not backed by files (heap, stack): /proc/self/statm's resident - shared. Code
// pages a late first call faults in are file-backed and do not count.
long anonymous_pages() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  long size = 0, resident = 0, shared = 0;
  if (f == nullptr) return -1;
  if (std::fscanf(f, "%ld %ld %ld", &size, &resident, &shared) != 3) resident = shared - 1;
  std::fclose(f);
  return resident - shared;
}

constexpr std::size_t guard = 64;
constexpr unsigned char guard_byte = 0xC3;

// A stream in heap memory with guard bytes on both sides.
struct guarded_stream {
  std::vector<std::uint64_t> memory;
  tinykm::stream_state state;
  guarded_stream(std::size_t bytes) : memory((bytes + 2 * guard) / 8 + 1, 0) {
    std::memset(memory.data(), guard_byte, memory.size() * 8);
    state = {reinterpret_cast<unsigned char*>(memory.data()) + guard, bytes};
  }
  bool guards_intact() const {
    const auto* p = reinterpret_cast<const unsigned char*>(memory.data());
    for (std::size_t i = 0; i < guard; ++i)
      if (p[i] != guard_byte || p[guard + state.bytes + i] != guard_byte) return false;
    return true;
  }
};

// Weights and centres from the saved blob (layout in serialize.hpp).
struct snapshot {
  std::vector<float> centres, weights;
  std::uint64_t samples = 0;
};
bool read_state(const tinykm::stream_state& s, std::size_t k, std::size_t d, snapshot* out) {
  std::vector<unsigned char> blob(tinykm::save_size(s));
  if (blob.empty() || tinykm::save(s, blob.data(), blob.size()) != tinykm::status::ok) return false;
  const std::size_t counters = 16 + 12 + 52, centres = counters + 36;
  std::memcpy(&out->samples, &blob[counters], 8);
  out->centres.resize(k * d);
  out->weights.resize(k);
  std::memcpy(out->centres.data(), &blob[centres], 4 * k * d);
  std::memcpy(out->weights.data(), &blob[centres + 4 * k * d], 4 * k);
  return true;
}

bool fail(const char* what, std::uint64_t at) {
  std::printf("FAILED after %llu samples: %s\n", static_cast<unsigned long long>(at), what);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000000ull;
  const std::size_t d = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 3;
  const std::size_t k = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 8;
  constexpr std::size_t batch = 64;
  constexpr std::uint64_t check_every = std::uint64_t{1} << 20;

  tinykm::stream_params pa;
  pa.k = k;
  pa.rule = tinykm::update_rule::decay;
  pa.half_life = 2000.0f;
  pa.anomaly_threshold = 4.0f;
  pa.warmup_n_init = 1;
  tinykm::stream_params pb = pa;
  pb.rule = tinykm::update_rule::running_mean;
  // A learns from every sample (so it follows a source that reappears elsewhere); B counts
  // anomalies without learning from them.
  pb.learn_anomalies = false;
  guarded_stream a(tinykm::stream_memory_size(k, d)), b(tinykm::stream_memory_size(k, d));
  if (tinykm::stream_init(pa, d, a.state) != tinykm::status::ok ||
      tinykm::stream_init(pb, d, b.state) != tinykm::status::ok) {
    std::printf("stream_init failed\n");
    return 1;
  }
  // Sum of decayed unit weights: 1 / (1 - a) with a = 0.5^(1 / half_life).
  const double decay_bound = 1.0 / (1.0 - std::pow(0.5, 1.0 / static_cast<double>(pa.half_life)));

  tinykm_signal::splitmix64 r{2024};
  std::vector<float> phase(k * d), radius(k * d), offset(k * d);
  for (std::size_t i = 0; i < k * d; ++i) {
    phase[i] = 6.2831853f * r.uniform_float();
    radius[i] = 2.0f + 3.0f * r.uniform_float();
    offset[i] = 20.0f * r.uniform_float() - 10.0f;
  }
  std::vector<float> buf(batch * d);
  std::vector<std::int32_t> labels(batch);
  std::vector<float> scores(batch);
  std::uint64_t injected = 0, flagged_injected = 0;
  bool ok = true;
  long rss_start = 0;
  float max_weight_a = 0.0f, max_weight_b = 0.0f;
  double max_sum_a = 0.0;
  const auto t0 = std::chrono::steady_clock::now();

  for (std::uint64_t done = 0; done < total && ok; done += batch) {
    // Sources drift one full circle every 2^24 samples; every 2^22 samples one source (in turn)
    // is silent for the next 2^21 samples and then comes back at a new offset.
    const float t = static_cast<float>(done % (std::uint64_t{1} << 24)) * 0x1.0p-24f * 6.2831853f;
    const std::size_t silent = static_cast<std::size_t>(done >> 22) % k;
    const bool silence = (done >> 21) % 2 == 0;
    if (done % (std::uint64_t{1} << 22) == 0 && done != 0)
      for (std::size_t j = 0; j < d; ++j) offset[silent * d + j] = 20.0f * r.uniform_float() - 10.0f;
    bool anomaly[batch];
    for (std::size_t i = 0; i < batch; ++i) {
      std::size_t c = static_cast<std::size_t>(r.next() % k);
      if (silence && c == silent) c = (c + 1) % k;
      anomaly[i] = r.next() % 1000 == 0;
      injected += anomaly[i];
      for (std::size_t j = 0; j < d; ++j) {
        const float noise = r.uniform_float() + r.uniform_float() + r.uniform_float() - 1.5f;
        float v = offset[c * d + j] + radius[c * d + j] * std::sin(t + phase[c * d + j]) + 0.5f * noise;
        if (anomaly[i]) v += (r.next() & 1 ? 60.0f : -60.0f) * (1.0f + r.uniform_float());
        buf[i * d + j] = v;
      }
    }
    for (std::size_t i = 0; i < batch; ++i) {
      tinykm::stream_sample s;
      if (tinykm::stream_update(a.state, &buf[i * d], &s) != tinykm::status::ok) {
        ok = fail("stream_update", done);
        break;
      }
      if (!std::isfinite(s.score) && s.label >= 0) ok = fail("non-finite score", done);
      flagged_injected += anomaly[i] && s.anomaly;
    }
    if (tinykm::stream_update_batch(b.state, buf.data(), batch, labels.data(), scores.data()) !=
        tinykm::status::ok)
      ok = fail("stream_update_batch", done);
    if ((done + batch) % check_every == 0 || done + batch >= total) {
      snapshot sa, sb;
      if (!read_state(a.state, k, d, &sa) || !read_state(b.state, k, d, &sb)) {
        ok = fail("save", done);
        break;
      }
      double sum_a = 0.0;
      for (float v : sa.centres) ok = ok && std::isfinite(v);
      for (float v : sb.centres) ok = ok && std::isfinite(v);
      for (float w : sa.weights) {
        ok = ok && std::isfinite(w) && w >= 0.0f;
        sum_a += static_cast<double>(w);
        max_weight_a = std::fmax(max_weight_a, w);
      }
      for (float w : sb.weights) {
        ok = ok && std::isfinite(w) && w >= 0.0f && static_cast<double>(w) <= static_cast<double>(sb.samples);
        max_weight_b = std::fmax(max_weight_b, w);
      }
      max_sum_a = std::fmax(max_sum_a, sum_a);
      if (!ok) fail("a non-finite or negative centre or weight", done);
      if (sum_a > decay_bound * 1.001 + static_cast<double>(k)) ok = fail("decay weights above 1 / (1 - a)", done);
      if (sa.samples != done + batch) ok = fail("sample counter", done);
      if (!a.guards_intact() || !b.guards_intact()) ok = fail("guard bytes", done);
      if (rss_start == 0) rss_start = anonymous_pages();  // after every code path's first run
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long rss_end = anonymous_pages();
  tinykm::stream_info ia, ib;
  if (tinykm::stream_get_info(a.state, &ia) != tinykm::status::ok ||
      tinykm::stream_get_info(b.state, &ib) != tinykm::status::ok)
    ok = fail("stream_get_info", total);
  if (rss_end != rss_start) ok = fail("anonymous resident set changed", total);
  std::printf("soak: d %zu k %zu, %llu samples into each of 2 streams in %.1f s (%.2f M updates/s "
              "over both, generation included), backend %s\n",
              d, k, static_cast<unsigned long long>(ia.counters.samples), seconds,
              2.0 * static_cast<double>(ia.counters.samples) / seconds / 1e6, tinykm::backend_name());
  std::printf("A decay (half-life %.0f, single updates): max weight %.1f, max weight sum %.1f "
              "(bound 1/(1-a) = %.1f), anomalies %llu (injected %llu, flagged %llu), reseeds %llu, "
              "inertia_ewma %.3f\n",
              static_cast<double>(pa.half_life), static_cast<double>(max_weight_a), max_sum_a,
              decay_bound, static_cast<unsigned long long>(ia.counters.anomalies),
              static_cast<unsigned long long>(injected),
              static_cast<unsigned long long>(flagged_injected),
              static_cast<unsigned long long>(ia.counters.reseeds),
              static_cast<double>(ia.counters.inertia_ewma));
  std::printf("B running mean (batches of %zu): max weight %.0f, anomalies %llu, reseeds %llu, "
              "batches %llu, inertia_ewma %.3f\n",
              batch, static_cast<double>(max_weight_b),
              static_cast<unsigned long long>(ib.counters.anomalies),
              static_cast<unsigned long long>(ib.counters.reseeds),
              static_cast<unsigned long long>(ib.counters.batches),
              static_cast<double>(ib.counters.inertia_ewma));
  std::printf("memory: 2 x %zu bytes of state, guards intact; anonymous resident %ld -> %ld pages\n",
              a.state.bytes, rss_start, rss_end);
  std::printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
