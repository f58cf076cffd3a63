// Helpers for the streaming tests: a stream that owns heap memory (the tests may allocate), and
// generated sensor-like streams with known sources.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "test_support.hpp"
#include "tinykm/tinykm.hpp"

namespace tkt {

struct owned_stream {
  std::vector<std::uint64_t> memory;  // 8-byte aligned, as the library asks
  tinykm::stream_state state;

  owned_stream(std::size_t k, std::size_t d, std::size_t reservoir = 0)
      : memory(tinykm::stream_memory_size(k, d, reservoir) / 8 + 1),
        state{memory.data(), memory.size() * 8} {}

  std::vector<unsigned char> bytes() const {
    std::vector<unsigned char> out(state.bytes);
    std::memcpy(out.data(), memory.data(), state.bytes);
    return out;
  }
  tinykm::stream_info info() const {
    tinykm::stream_info i;
    if (tinykm::stream_get_info(state, &i) != tinykm::status::ok) i = tinykm::stream_info{};
    return i;
  }
  std::vector<float> centroids() const {
    tinykm::model_view m;
    if (tinykm::stream_model(state, &m) != tinykm::status::ok) return {};
    return std::vector<float>(m.centroids, m.centroids + m.k * m.d);
  }
};

// A stream made with stream_init(params, d); check ok with REQUIRE at the call site.
inline tinykm::status init_stream(owned_stream& s, const tinykm::stream_params& p,
                                  std::size_t d) {
  return tinykm::stream_init(p, d, s.state);
}

// n samples from the given sources (k x d centres), chosen at random, plus Gaussian noise of
// standard deviation sigma. labels receives each sample's source.
inline std::vector<float> source_samples(const std::vector<float>& sources, std::size_t d,
                                         std::size_t n, double sigma, rng& r,
                                         std::vector<std::size_t>* labels = nullptr) {
  const std::size_t k = sources.size() / d;
  std::vector<float> x(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = r.below(k);
    if (labels != nullptr) labels->push_back(c);
    for (std::size_t j = 0; j < d; ++j)
      x[i * d + j] = static_cast<float>(static_cast<double>(sources[c * d + j]) + sigma * r.normal());
  }
  return x;
}

// Distance from each found centre to the nearest of `truth`, the largest of them.
inline double worst_match(const std::vector<float>& found, const std::vector<float>& truth,
                          std::size_t d) {
  double worst = 0.0;
  for (std::size_t a = 0; a < found.size() / d; ++a) {
    double best = 1e300;
    for (std::size_t b = 0; b < truth.size() / d; ++b)
      best = std::min(best, std::sqrt(ref_sqdist(&found[a * d], &truth[b * d], d)));
    worst = std::max(worst, best);
  }
  return worst;
}

}  // namespace tkt
