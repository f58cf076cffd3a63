// Initialisations: which one runs, and the two small ones (random without replacement,
// farthest-point). Greedy k-means++ and k-means|| have files of their own.
#include "init.hpp"

#include <cstring>

#include "kernels.hpp"
#include "random.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

// k distinct indices uniformly without replacement (Floyd's algorithm: k draws, no n-sized
// buffer).
void init_random(const dataset& data, std::size_t k, rng& gen, fit_scratch& s) noexcept {
  std::uint32_t* chosen = s.init_index;
  std::size_t count = 0;
  for (std::size_t j = data.n - k; j < data.n; ++j) {
    const auto t = static_cast<std::uint32_t>(gen.below(j + 1));
    bool taken = false;
    for (std::size_t c = 0; c < count; ++c) taken |= chosen[c] == t;
    chosen[count++] = taken ? static_cast<std::uint32_t>(j) : t;
  }
  for (std::size_t c = 0; c < k; ++c) copy_point(data, chosen[c], s.centroids + c * data.d);
}

// A uniformly drawn first centre, then repeatedly the point farthest from every chosen centre
// (ties: the lowest index).
void init_farthest(const kernels::kernel_table& kt, const dataset& data, std::size_t k, rng& gen,
                   fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  float* closest = s.init_dist;
  copy_point(data, static_cast<std::size_t>(gen.below(data.n)), s.centroids);
  fill_infinity(closest, data.n);
  for (std::size_t c = 1; c <= k; ++c) {
    update_closest(kt, data, s.centroids + (c - 1) * d, closest);
    if (c == k) break;
    std::size_t far = 0;
    for (std::size_t i = 1; i < data.n; ++i)
      if (closest[i] > closest[far]) far = i;
    copy_point(data, far, s.centroids + c * d);
  }
}

}  // namespace

void init_centroids(const kernels::kernel_table& kt, const dataset& data,
                    const fit_params& params, std::uint64_t seed, fit_scratch& s) noexcept {
  rng gen(seed);
  switch (params.init) {
    case init_method::kmeans_plus_plus:
      kmeans_plus_plus(kt, data, params.k, gen, seeding_buffers_of(s), s.centroids);
      break;
    case init_method::kmeans_parallel:  // validation refuses it in compact builds
      if constexpr (!kernels::compact_code) kmeans_parallel(kt, data, params.k, gen, s);
      break;
    case init_method::random: init_random(data, params.k, gen, s); break;
    case init_method::farthest_point: init_farthest(kt, data, params.k, gen, s); break;
    case init_method::user:
      std::memcpy(s.centroids, params.initial_centroids, params.k * data.d * sizeof(float));
      break;
  }
}

}  // namespace tinykm::detail
