// tinykm demo: cluster synthetic accelerometer readings by posture.
//
// A body-worn 3-axis accelerometer at rest measures gravity (9.81 m/s^2) in the sensor's own
// frame, so each posture is a direction of the gravity vector plus noise. This program draws
// samples from five postures, fits k-means with the library's default parameters (k-means++
// initialisation) on a caller-owned workspace, and prints what it found.
//
//   usage: tinykm_demo [n] [k] [seed]      defaults: 100000 5 42
//
// The library itself never allocates: the demo owns every buffer (std::vector here; firmware would
// use static arrays) and hands them to tinykm. No exceptions or RTTI are used, so this file also
// builds with -fno-exceptions -fno-rtti.

#include <tinykm/tinykm.hpp>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr std::size_t dims = 3;
constexpr double pi = 3.14159265358979323846;
constexpr double gravity = 9.81;  // m/s^2

struct posture {
  const char* name;
  double mean[dims];  // gravity seen by the sensor, m/s^2
  double noise;       // per-axis standard deviation, m/s^2 (sensor noise + small movements)
  double share;       // fraction of the samples
};

// sin/cos of 30 degrees, for a chair-reclined torso.
constexpr double s30 = 0.5;
constexpr double c30 = 0.86602540378443865;

constexpr posture postures[] = {
    {"standing", {0.0, 0.0, gravity}, 0.35, 0.30},
    {"sitting (reclined)", {-gravity * s30, 0.0, gravity * c30}, 0.45, 0.25},
    {"lying on back", {-gravity, 0.0, 0.0}, 0.30, 0.20},
    {"lying on side", {0.0, gravity, 0.0}, 0.40, 0.15},
    {"lying face down", {gravity, 0.0, 0.0}, 0.30, 0.10},
};
constexpr std::size_t n_postures = sizeof(postures) / sizeof(postures[0]);

// splitmix64 (Steele, Lea and Flood): a tiny, well-mixed, fully deterministic generator.
class generator {
 public:
  explicit generator(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in (0, 1]: never 0, so log() below is finite.
  double uniform() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
  // Standard normal, Box-Muller (one value per call; simplicity beats speed here).
  double normal() {
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    return r * std::cos(2.0 * pi * uniform());
  }

 private:
  std::uint64_t state_;
};

// n samples of 3 floats, row-major; each sample's posture is drawn with the postures' shares.
void make_samples(std::size_t n, std::uint64_t seed, std::vector<float>& out) {
  generator g(seed);
  out.resize(n * dims);
  for (std::size_t i = 0; i < n; ++i) {
    const double u = g.uniform();
    std::size_t p = 0;
    double cumulative = postures[0].share;
    while (p + 1 < n_postures && u > cumulative) cumulative += postures[++p].share;
    for (std::size_t j = 0; j < dims; ++j) {
      const double v = postures[p].mean[j] + postures[p].noise * g.normal();
      out[i * dims + j] = static_cast<float>(v);
    }
  }
}

// The posture whose mean is closest to a centroid, to name the clusters.
const char* nearest_posture(const float* c) {
  std::size_t best = 0;
  double best_d2 = 0.0;
  for (std::size_t p = 0; p < n_postures; ++p) {
    double d2 = 0.0;
    for (std::size_t j = 0; j < dims; ++j) {
      const double t = static_cast<double>(c[j]) - postures[p].mean[j];
      d2 += t * t;
    }
    if (p == 0 || d2 < best_d2) {
      best = p;
      best_d2 = d2;
    }
  }
  return postures[best].name;
}

// Parses a whole decimal argument; false on anything else (sign, junk, overflow).
bool parse_u64(const char* text, std::uint64_t& out) {
  if (text == nullptr || *text < '0' || *text > '9') return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') return false;
  out = static_cast<std::uint64_t>(v);
  return true;
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [n] [k] [seed]\n"
               "  n     samples to generate (1 .. 50000000, default 100000)\n"
               "  k     clusters (1 .. %zu, default 5)\n"
               "  seed  generator and k-means++ seed (default 42)\n",
               argv0, tinykm::max_k);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t n = 100000, k = 5, seed = 42;
  if (argc > 4) return usage(argv[0]);
  if (argc > 1 && !parse_u64(argv[1], n)) return usage(argv[0]);
  if (argc > 2 && !parse_u64(argv[2], k)) return usage(argv[0]);
  if (argc > 3 && !parse_u64(argv[3], seed)) return usage(argv[0]);
  if (n < 1 || n > 50000000 || k < 1 || k > tinykm::max_k) return usage(argv[0]);
  const std::size_t n_points = static_cast<std::size_t>(n);
  const std::size_t n_clusters = static_cast<std::size_t>(k);

  std::vector<float> samples;
  make_samples(n_points, seed, samples);

  // Default parameters except k: k-means++ init, n_init 1, max_iter 300, tol 1e-4.
  tinykm::fit_params params;
  params.k = n_clusters;
  params.seed = seed;

  // Every buffer is the caller's: the workspace (sized by the library's own formula), the model's
  // storage (a model_view over it) and the labels.
  const std::size_t workspace_bytes = tinykm::fit_workspace_size(params, n_points, dims);
  if (workspace_bytes == SIZE_MAX) {
    std::fprintf(stderr, "workspace size overflows\n");
    return 1;
  }
  std::vector<unsigned char> workspace(workspace_bytes);
  std::vector<float> centroid_storage(n_clusters * dims);
  tinykm::model_view model{centroid_storage.data(), centroid_storage.size(), 0, 0};

  tinykm::fit_result result;
  const auto start = std::chrono::steady_clock::now();
  const tinykm::status fitted = tinykm::fit(samples.data(), n_points, dims, nullptr, params, model,
                                            workspace.data(), workspace.size(), &result);
  const auto stop = std::chrono::steady_clock::now();
  if (fitted != tinykm::status::ok) {
    std::fprintf(stderr, "fit failed: %s\n", tinykm::to_string(fitted));
    return 1;
  }
  const double fit_ms = std::chrono::duration<double, std::milli>(stop - start).count();

  std::vector<std::int32_t> labels(n_points);
  const tinykm::status predicted =
      tinykm::predict(model, samples.data(), n_points, dims, labels.data());
  if (predicted != tinykm::status::ok) {
    std::fprintf(stderr, "predict failed: %s\n", tinykm::to_string(predicted));
    return 1;
  }
  std::vector<std::size_t> sizes(n_clusters, 0);
  for (const std::int32_t label : labels) ++sizes[static_cast<std::size_t>(label)];

  std::printf("tinykm demo: accelerometer postures (5 planted), backend %s\n",
              tinykm::backend_name());
  std::printf("n = %zu  d = %zu  k = %zu  seed = %llu  workspace = %.1f KiB\n", n_points, dims,
              n_clusters, static_cast<unsigned long long>(seed),
              static_cast<double>(workspace_bytes) / 1024.0);
  std::printf("\n  #   centroid (m/s^2)               size    nearest posture\n");
  constexpr std::size_t max_rows = 32;
  for (std::size_t c = 0; c < n_clusters && c < max_rows; ++c) {
    const float* row = model.centroids + c * dims;
    std::printf("%3zu   (%7.3f, %7.3f, %7.3f)  %8zu    %s\n", c, static_cast<double>(row[0]),
                static_cast<double>(row[1]), static_cast<double>(row[2]), sizes[c],
                nearest_posture(row));
  }
  if (n_clusters > max_rows) std::printf("  ... %zu more clusters\n", n_clusters - max_rows);
  std::printf("\ninertia    %.3f  (%.4f per sample)\n", result.inertia,
              result.inertia / static_cast<double>(n_points));
  std::printf("iterations %u  converged %s\n", static_cast<unsigned>(result.iterations),
              result.converged ? "yes" : "no");
  std::printf("fit time   %.2f ms\n", fit_ms);
  return 0;
}
