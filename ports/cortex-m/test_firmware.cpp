// A subset of tinykm's test suite that runs on the Cortex-M4 itself (QEMU mps2-an386): batch fit,
// predict, stream updates with decay and anomaly scores, save/load round trips and bad-input
// statuses. Prints "N passed, N failed" by semihosting; the exit status is the failure count, so
// ctest fails when any check does.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "semihosting.h"
#include "tinykm/tinykm.hpp"

namespace {

int passed = 0;
int failed = 0;

void check(bool ok, const char* what) {
  if (ok) {
    ++passed;
    return;
  }
  ++failed;
  sh_puts("FAILED: ");
  sh_puts(what);
  sh_puts("\n");
}

// Three planted blobs in 2-D: centres (0, 0), (10, 0), (0, 10), uniform noise of +-0.5.
constexpr std::size_t blob_count = 3;
constexpr std::size_t per_blob = 100;
constexpr std::size_t n_points = blob_count * per_blob;
constexpr std::size_t dims = 2;
constexpr float planted[blob_count][dims] = {{0.0f, 0.0f}, {10.0f, 0.0f}, {0.0f, 10.0f}};

std::uint32_t lcg_state = 12345u;
float noise() {  // uniform in [-0.5, 0.5)
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return static_cast<float>(lcg_state >> 8) / 16777216.0f - 0.5f;
}

float points[n_points * dims];
void make_points() {
  for (std::size_t i = 0; i < n_points; ++i) {
    for (std::size_t j = 0; j < dims; ++j) points[i * dims + j] = planted[i % blob_count][j] + noise();
  }
}

alignas(64) unsigned char workspace[32 * 1024];
tinykm::static_model<4, dims> model;
std::int32_t labels[n_points];
unsigned char blob[512];

float distance_to_nearest(const float* centres, std::size_t k, const float* x) {
  float best = INFINITY;
  for (std::size_t c = 0; c < k; ++c) {
    const float dx = centres[c * dims] - x[0], dy = centres[c * dims + 1] - x[1];
    best = std::fmin(best, std::sqrt(dx * dx + dy * dy));
  }
  return best;
}

tinykm::fit_params blob_params() {
  tinykm::fit_params p;
  p.k = blob_count;
  p.n_init = 2;
  p.seed = 7;
  return p;
}

void test_fit_and_predict() {
  const tinykm::fit_params p = blob_params();
  check(tinykm::fit_workspace_size(p, n_points, dims) <= sizeof workspace, "workspace fits");
  tinykm::fit_result result;
  check(tinykm::fit(points, n_points, dims, nullptr, p, model, workspace, sizeof workspace,
                    &result) == tinykm::status::ok, "fit returns ok");
  check(model.k == blob_count && model.d == dims, "fit sets the shape");
  for (const auto& centre : planted) {
    check(distance_to_nearest(model.centroids, model.k, centre) < 0.2f, "a centroid per blob");
  }
  check(tinykm::predict(model.view(), points, n_points, dims, labels) == tinykm::status::ok,
        "predict returns ok");
  bool same_blob_same_label = true;
  for (std::size_t i = blob_count; i < n_points; ++i) {
    same_blob_same_label = same_blob_same_label && labels[i] == labels[i % blob_count];
  }
  check(same_blob_same_label, "predict labels every blob as one cluster");
  check(labels[0] != labels[1] && labels[1] != labels[2] && labels[0] != labels[2],
        "predict gives each blob its own cluster");
  double total = 0.0;
  check(tinykm::inertia(model.view(), points, n_points, dims, nullptr, &total) ==
            tinykm::status::ok && std::fabs(total - result.inertia) <= 1e-3 * result.inertia,
        "inertia matches the fit's");
}

void test_stream() {
  static tinykm::static_stream<blob_count, dims, 48> stream;
  tinykm::stream_params p;
  p.k = blob_count;
  p.reservoir = 48;
  p.rule = tinykm::update_rule::decay;
  p.half_life = 200.0f;
  p.anomaly_threshold = 1.0f;
  check(tinykm::stream_init(p, dims, stream.state()) == tinykm::status::ok, "stream_init");
  float score = 0.0f;
  check(tinykm::stream_score(stream.state(), points, &score) == tinykm::status::not_ready,
        "a warming-up stream is not ready");
  std::uint64_t flagged = 0;
  for (std::size_t i = 0; i < n_points; ++i) {
    tinykm::stream_sample out;
    if (tinykm::stream_update(stream.state(), points + i * dims, &out) != tinykm::status::ok) {
      check(false, "stream_update returns ok");
      return;
    }
    flagged += out.anomaly ? 1u : 0u;
  }
  tinykm::stream_info info;
  check(tinykm::stream_get_info(stream.state(), &info) == tinykm::status::ok && info.ready &&
            info.counters.samples == n_points, "the stream is ready and counted every sample");
  check(flagged <= n_points / 50, "blob samples are rarely anomalies");
  const float outlier[dims] = {30.0f, 30.0f};
  bool anomaly = false;
  check(tinykm::stream_score(stream.state(), outlier, &score, &anomaly) == tinykm::status::ok &&
            anomaly && score > 20.0f, "a far sample is an anomaly");
  check(tinykm::stream_score(stream.state(), planted[1], &score, &anomaly) == tinykm::status::ok &&
            !anomaly, "a blob centre is not an anomaly");
  tinykm::model_view centres;
  check(tinykm::stream_model(stream.state(), &centres) == tinykm::status::ok &&
            distance_to_nearest(centres.centroids, centres.k, planted[2]) < 0.3f,
        "the stream found the blobs");

  // Save/load round trip into a second stream, then a tampered and a truncated blob.
  static tinykm::static_stream<blob_count, dims, 48> copy;
  static unsigned char stream_blob[sizeof stream.memory + 64];
  std::size_t written = 0;
  check(tinykm::save(stream.state(), stream_blob, sizeof stream_blob, &written) ==
            tinykm::status::ok, "stream save");
  check(tinykm::load(stream_blob, written, copy.state()) == tinykm::status::ok, "stream load");
  tinykm::stream_sample a, b;
  check(tinykm::stream_update(stream.state(), outlier, &a) == tinykm::status::ok &&
            tinykm::stream_update(copy.state(), outlier, &b) == tinykm::status::ok &&
            a.label == b.label && a.score == b.score, "a loaded stream behaves as the saved one");
  stream_blob[written / 2] ^= 0x10u;
  check(tinykm::load(stream_blob, written, copy.state()) == tinykm::status::corrupt_model,
        "a tampered stream blob is rejected");
  check(tinykm::load(stream_blob, written - 1, copy.state()) == tinykm::status::corrupt_model,
        "a truncated stream blob is rejected");

  const float bad[dims] = {NAN, 1.0f};
  check(tinykm::stream_update(stream.state(), bad) == tinykm::status::non_finite_input,
        "a NaN sample is rejected");
  check(tinykm::stream_get_info(stream.state(), &info) == tinykm::status::ok &&
            info.counters.samples == n_points + 1, "a rejected sample is not counted");
}

void test_model_blob() {
  std::size_t written = 0;
  check(tinykm::save_size(model.view()) <= sizeof blob &&
            tinykm::save(model.view(), blob, sizeof blob, &written) == tinykm::status::ok,
        "model save");
  tinykm::static_model<4, dims> loaded;
  tinykm::model_view view = loaded.view();
  check(tinykm::load(blob, written, view) == tinykm::status::ok && view.k == model.k &&
            std::memcmp(loaded.centroids, model.centroids, sizeof(float) * model.k * dims) == 0,
        "model load is bit-exact");
  for (std::size_t cut = 0; cut < written; cut += 7) {
    if (tinykm::load(blob, cut, view) != tinykm::status::corrupt_model) {
      check(false, "every truncated model blob is rejected");
      return;
    }
  }
  blob[written - 5] ^= 0x01u;
  check(tinykm::load(blob, written, view) == tinykm::status::corrupt_model,
        "a model blob with a flipped bit is rejected");
}

void test_bad_input() {
  tinykm::fit_params p = blob_params();
  tinykm::static_model<4, dims> out;
  const float before = out.centroids[0];
  points[5] = NAN;
  check(tinykm::fit(points, n_points, dims, nullptr, p, out, workspace, sizeof workspace) ==
            tinykm::status::non_finite_input, "fit rejects NaN");
  points[5] = 0.0f;
  check(tinykm::fit(points, 2, dims, nullptr, p, out, workspace, sizeof workspace) ==
            tinykm::status::too_few_points, "fit rejects k > n");
  check(tinykm::fit(points, n_points, 0, nullptr, p, out, workspace, sizeof workspace) ==
            tinykm::status::invalid_argument, "fit rejects d = 0");
  check(tinykm::fit(points, n_points, dims, nullptr, p, out, workspace, 64) ==
            tinykm::status::workspace_too_small, "fit rejects a short workspace");
  check(out.k == 0 && out.centroids[0] == before, "failed fits leave the model untouched");
  check(tinykm::predict(model.view(), points, n_points, dims + 1, labels) ==
            tinykm::status::dimension_mismatch, "predict rejects the wrong d");
}

}  // namespace

int main() {
  sh_puts("tinykm test firmware (Cortex-M4, backend ");
  sh_puts(tinykm::backend_name());
  sh_puts(")\n");
  make_points();
  test_fit_and_predict();
  test_stream();
  test_model_blob();
  test_bad_input();
  sh_put_int(passed);
  sh_puts(" passed, ");
  sh_put_int(failed);
  sh_puts(" failed\n");
  return failed;
}
