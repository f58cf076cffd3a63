// Bad-input matrix: one table of (entry point, bad input class, expected status) rows over every
// public entry point, C++ and C, that tests/test_bad_input.cpp does not already tabulate (it
// holds fit, predict, transform, inertia and score in C++; this holds their C forms, the
// parallel predict, lloyd_begin/step, every stream call and save/load), and the n x d rows of
// every entry point (sizes beyond size_t, which test_bad_input's tables cannot allocate). Each row runs against a
// fresh world of poisoned outputs, ready and warming streams and valid blobs; the row passes
// when the call returns the expected status AND every byte the caller owns for output (models,
// buffers, workspaces, steppers, infos, every stream's memory) equals its copy taken before.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "crc32.hpp"
#include "stream_support.hpp"
#include "tinykm/tinykm.h"
#include "tinykm/tinykm.hpp"

using tinykm::status;

namespace {

constexpr std::size_t K = 3, D = 2, N = 40, R = 16;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

template <typename T>
void poison(T& v) {
  std::memset(static_cast<void*>(&v), 0xA5, sizeof v);
}

// A ready stream of k clusters and d features (reservoir R filled from random samples).
void make_ready(tkt::owned_stream& s, std::size_t k, std::size_t d, std::uint64_t seed) {
  tinykm::stream_params p;
  p.k = k;
  p.reservoir = R;
  REQUIRE(tinykm::stream_init(p, d, s.state) == status::ok);
  const std::vector<float> x = tkt::random_reals(R + 4, d, -1.0, 1.0, seed);
  REQUIRE(tinykm::stream_update_batch(s.state, x.data(), R + 4) == status::ok);
  REQUIRE(s.info().ready);
}

struct world {
  // Inputs.
  std::vector<float> pts = tkt::random_reals(N, D, -1.0, 1.0, 3);
  std::vector<float> weights = std::vector<float>(N, 1.0f);
  std::vector<float> centres = {0.0f, 0.0f, 1.0f, 1.0f, -1.0f, 0.5f};
  tinykm::model_view model{centres.data(), centres.size(), K, D};
  std::vector<unsigned char> model_blob, stream_blob;
  // Outputs, poisoned.
  std::vector<float> out_centres = std::vector<float>(K * D, 12345.0f);
  tinykm::model_view out_model{out_centres.data(), out_centres.size(), 2, 7};
  std::vector<std::int32_t> labels = std::vector<std::int32_t>(N, -7);
  std::vector<float> floats = std::vector<float>(N * K, 777.0f);
  double dbl = 4242.0;
  std::size_t written = 999;
  std::vector<unsigned char> blob_out = std::vector<unsigned char>(4096, 0x5A);
  std::vector<std::uint64_t> ws;  // fit and lloyd workspace
  tinykm::lloyd_stepper fresh;    // never begun, public fields poisoned
  std::vector<float> step_centres = centres;  // the model a begun stepper moves
  std::vector<std::uint64_t> step_ws;
  tinykm::lloyd_stepper begun;
  tinykm::fit_result result;
  tinykm::stream_info info;
  tinykm::stream_sample sample;
  tinykm_fit_result c_result;
  tinykm_stream_info c_info;
  tinykm_model c_out;  // a C model output (poisoned shape, poisoned storage)
  // Streams: a, b, out ready (K, D); warm still warming up; k2 ready with k = 2; d3 ready with
  // d = 3; blank never initialised.
  tkt::owned_stream a{K, D, R}, b{K, D, R}, out{K, D, R}, warm{K, D, R}, k2{2, D, R},
      d3{K, D + 1, R}, blank{K, D, R};

  world() {
    tinykm::fit_params fp;
    fp.k = K;
    ws.assign(tinykm::fit_workspace_size(fp, N, D) / 8 + 64, 0xA5A5A5A5A5A5A5A5ull);
    fresh.iterations = 123;
    fresh.inertia = -1.5;
    step_ws.assign(tinykm::lloyd_steps_workspace_size(K, D) / 8 + 1, 0);
    const tinykm::model_view sm{step_centres.data(), step_centres.size(), K, D};
    REQUIRE(tinykm::lloyd_begin(pts.data(), N, D, nullptr, sm, 5, 0.0, step_ws.data(),
                                step_ws.size() * 8, &begun) == status::ok);
    REQUIRE(tinykm::lloyd_step(begun, 7) == status::ok);  // stopped inside a pass
    poison(result);
    poison(info);
    poison(sample);
    poison(c_result);
    poison(c_info);
    c_out = tinykm_model{out_centres.data(), out_centres.size(), 2, 7};
    make_ready(a, K, D, 11);
    make_ready(b, K, D, 12);
    make_ready(out, K, D, 13);
    make_ready(k2, 2, D, 14);
    make_ready(d3, K, D + 1, 15);
    tinykm::stream_params p;
    p.k = K;
    p.reservoir = R;
    REQUIRE(tinykm::stream_init(p, D, warm.state) == status::ok);
    REQUIRE(tinykm::stream_update_batch(warm.state, pts.data(), 5) == status::ok);
    std::memset(blank.memory.data(), 0, blank.state.bytes);
    model_blob.resize(tinykm::save_size(model));
    REQUIRE(tinykm::save(model, model_blob.data(), model_blob.size()) == status::ok);
    stream_blob.resize(tinykm::save_size(a.state));
    REQUIRE(tinykm::save(a.state, stream_blob.data(), stream_blob.size()) == status::ok);
  }

  // Every byte a failed call must leave alone (inputs included: they are const).
  std::vector<unsigned char> snapshot() const {
    std::vector<unsigned char> s;
    const auto add = [&s](const void* p, std::size_t bytes) {
      const auto* c = static_cast<const unsigned char*>(p);
      s.insert(s.end(), c, c + bytes);
    };
    add(pts.data(), pts.size() * 4);
    add(centres.data(), centres.size() * 4);
    add(&model, sizeof model);
    add(model_blob.data(), model_blob.size());
    add(stream_blob.data(), stream_blob.size());
    add(out_centres.data(), out_centres.size() * 4);
    add(&out_model, sizeof out_model);
    add(labels.data(), labels.size() * 4);
    add(floats.data(), floats.size() * 4);
    add(&dbl, sizeof dbl);
    add(&written, sizeof written);
    add(blob_out.data(), blob_out.size());
    add(ws.data(), ws.size() * 8);
    add(&fresh, sizeof fresh);
    add(step_centres.data(), step_centres.size() * 4);
    add(step_ws.data(), step_ws.size() * 8);
    add(&begun, sizeof begun);
    add(&result, sizeof result);
    add(&info, sizeof info);
    add(&sample, sizeof sample);
    add(&c_result, sizeof c_result);
    add(&c_info, sizeof c_info);
    add(&c_out, sizeof c_out);
    for (const tkt::owned_stream* st : {&a, &b, &out, &warm, &k2, &d3, &blank})
      add(st->memory.data(), st->state.bytes);
    return s;
  }

  // Copies of inputs with one value broken.
  std::vector<float> pts_with(std::size_t at, float v) const {
    std::vector<float> p = pts;
    p.at(at) = v;
    return p;
  }
  std::size_t ws_bytes() const { return ws.size() * 8; }
  tinykm_model c_model() { return tinykm_model{centres.data(), centres.size(), K, D}; }
  static tinykm_stream c(const tkt::owned_stream& s) {
    return tinykm_stream{s.state.memory, s.state.bytes};
  }
};

// A blob with one byte changed and its CRC recomputed, so only the field checks can catch it.
std::vector<unsigned char> resealed(std::vector<unsigned char> blob, std::size_t at,
                                    unsigned char v) {
  blob.at(at) = v;
  const std::uint32_t crc = tinykm::detail::crc32(blob.data(), blob.size() - 4);
  for (std::size_t i = 0; i < 4; ++i)
    blob.at(blob.size() - 4 + i) = static_cast<unsigned char>(crc >> (8 * i));
  return blob;
}
std::vector<unsigned char> flipped(std::vector<unsigned char> blob, std::size_t at) {
  blob.at(at) ^= 0x10;
  return blob;
}

status from_c(tinykm_status s) { return static_cast<status>(s); }

struct row {
  const char* entry;  // the function, as named in its header
  const char* what;   // the bad input class
  status expected;
  status (*call)(world&);
};

// The d = 1 sample with a NaN, an Inf, a huge value: the first D floats of these.
const float nan_x[D] = {0.0f, kNaN};
const float inf_x[D] = {kInf, 0.0f};
const float ninf_x[D] = {0.0f, -kInf};
const float huge_x[D] = {1e30f, 0.0f};

using tinykm::stream_params;
using W = world;

// Row counts whose n x D wraps size_t to 0 (n x D == 2^bits), and whose n x D x 4 bytes do not
// fit: no such array can exist, so a call must refuse them before reading (not read the points
// out of bounds, as n x d == 0 would let it). Relative to SIZE_MAX: the same rows on 32-bit.
constexpr std::size_t kWrapN = static_cast<std::size_t>(-1) / D + 1;
constexpr std::size_t kBytesN = static_cast<std::size_t>(-1) / (4 * D) + 1;
static_assert(kWrapN * D == 0, "n x D wraps to 0");

const row rows[] = {
    // ---- batch, C++ (the rest are in test_bad_input.cpp) ----
    {"predict(parallel)", "NaN point", status::non_finite_input,
     [](W& w) { const auto p = w.pts_with(N * D - 1, kNaN);
                return tinykm::predict(w.model, p.data(), N, D, w.labels.data(), tinykm::parallel_for{}); }},
    {"predict(parallel)", "null labels", status::invalid_argument,
     [](W& w) { return tinykm::predict(w.model, w.pts.data(), N, D, nullptr, tinykm::parallel_for{}); }},
    {"predict(parallel)", "points of another d", status::dimension_mismatch,
     [](W& w) { return tinykm::predict(w.model, w.pts.data(), N / 2, D * 2, w.labels.data(), tinykm::parallel_for{}); }},
    {"predict", "model with null centroids", status::invalid_argument,
     [](W& w) { const tinykm::model_view m{nullptr, K * D, K, D};
                return tinykm::predict(m, w.pts.data(), N, D, w.labels.data()); }},
    {"predict", "model k x d above its capacity", status::invalid_argument,
     [](W& w) { const tinykm::model_view m{w.centres.data(), K * D - 1, K, D};
                return tinykm::predict(m, w.pts.data(), N, D, w.labels.data()); }},
    {"transform", "model of d 0", status::invalid_argument,
     [](W& w) { const tinykm::model_view m{w.centres.data(), w.centres.size(), K, 0};
                return tinykm::transform(m, w.pts.data(), N, D, w.floats.data(), w.floats.size()); }},
    // ---- n x d beyond size_t (refused before any point is read) ----
    {"predict", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::predict(w.model, w.pts.data(), kWrapN, D, w.labels.data()); }},
    {"predict", "n x d x 4 bytes overflow", status::invalid_argument,
     [](W& w) { return tinykm::predict(w.model, w.pts.data(), kBytesN, D, w.labels.data()); }},
    {"predict(parallel)", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::predict(w.model, w.pts.data(), kWrapN, D, w.labels.data(), tinykm::parallel_for{}); }},
    {"transform", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::transform(w.model, w.pts.data(), kWrapN, D, w.floats.data(), static_cast<std::size_t>(-1)); }},
    {"inertia", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::inertia(w.model, w.pts.data(), kWrapN, D, nullptr, &w.dbl); }},
    {"score", "n x d x 4 bytes overflow", status::invalid_argument,
     [](W& w) { return tinykm::score(w.model, w.pts.data(), kBytesN, D, nullptr, &w.dbl); }},
    {"fit", "n x d x 4 bytes overflow", status::invalid_argument,
     [](W& w) { tinykm::fit_params p; p.k = K; p.init = tinykm::init_method::user; p.initial_centroids = w.centres.data();
                return tinykm::fit(w.pts.data(), kBytesN, D, nullptr, p, w.out_model, w.ws.data(), static_cast<std::size_t>(-1), &w.result); }},
    {"lloyd_begin", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), kWrapN, D, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"stream_update_batch", "n x d x 4 bytes overflow", status::invalid_argument,
     [](W& w) { return tinykm::stream_update_batch(w.a.state, w.pts.data(), kBytesN); }},
    {"stream_predict", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return tinykm::stream_predict(w.a.state, w.pts.data(), kWrapN, w.labels.data()); }},
    {"tinykm_fit", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { tinykm_params p = tinykm_default_params(); p.k = K; p.init = TINYKM_INIT_USER; p.initial_centroids = w.centres.data();
                return from_c(tinykm_fit(w.pts.data(), kWrapN, D, nullptr, &p, &w.c_out, w.ws.data(), static_cast<std::size_t>(-1), &w.c_result)); }},
    {"tinykm_predict", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { const tinykm_model m = w.c_model();
                return from_c(tinykm_predict(&m, w.pts.data(), kWrapN, D, w.labels.data(), static_cast<std::size_t>(-1))); }},
    {"tinykm_transform", "n x d x 4 bytes overflow", status::invalid_argument,
     [](W& w) { const tinykm_model m = w.c_model();
                return from_c(tinykm_transform(&m, w.pts.data(), kBytesN, D, w.floats.data(), static_cast<std::size_t>(-1))); }},
    {"tinykm_inertia", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { const tinykm_model m = w.c_model(); return from_c(tinykm_inertia(&m, w.pts.data(), kWrapN, D, nullptr, &w.dbl)); }},
    {"tinykm_stream_update_batch", "n x d wraps to 0", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_update_batch(W::c(w.a), w.pts.data(), kWrapN, D, nullptr, 0, nullptr, 0)); }},
    // ---- lloyd_begin / lloyd_step ----
    {"lloyd_begin", "NaN point", status::non_finite_input,
     [](W& w) { const auto p = w.pts_with(17, kNaN);
                return tinykm::lloyd_begin(p.data(), N, D, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "point of magnitude 1e30", status::out_of_range,
     [](W& w) { const auto p = w.pts_with(4, 1e30f);
                return tinykm::lloyd_begin(p.data(), N, D, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "NaN weight", status::non_finite_input,
     [](W& w) { std::vector<float> wt = w.weights; wt[9] = kNaN;
                return tinykm::lloyd_begin(w.pts.data(), N, D, wt.data(), w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "negative weight", status::invalid_argument,
     [](W& w) { std::vector<float> wt = w.weights; wt[0] = -1.0f;
                return tinykm::lloyd_begin(w.pts.data(), N, D, wt.data(), w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "null stepper", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), nullptr); }},
    {"lloyd_begin", "null workspace", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, w.model, 5, 0.0, nullptr, w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "workspace one byte short", status::workspace_too_small,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, w.model, 5, 0.0, w.ws.data(),
                                           tinykm::lloyd_steps_workspace_size(K, D) - 1, &w.fresh); }},
    {"lloyd_begin", "max_iter 0", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, w.model, 0, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "tol -inf", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, w.model, 5, -std::numeric_limits<double>::infinity(),
                                           w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "model not fitted", status::not_ready,
     [](W& w) { const tinykm::model_view m{w.centres.data(), w.centres.size(), 0, 0};
                return tinykm::lloyd_begin(w.pts.data(), N, D, nullptr, m, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "points of another d", status::dimension_mismatch,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), N / 2, D * 2, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_begin", "n < k", status::too_few_points,
     [](W& w) { return tinykm::lloyd_begin(w.pts.data(), K - 1, D, nullptr, w.model, 5, 0.0, w.ws.data(), w.ws_bytes(), &w.fresh); }},
    {"lloyd_step", "max_points 0", status::invalid_argument,
     [](W& w) { bool done = true; const status s = tinykm::lloyd_step(w.begun, 0, &done);
                return done ? s : status::ok; }},  // done untouched too
    {"lloyd_step", "stepper never begun", status::invalid_argument,
     [](W& w) { return tinykm::lloyd_step(w.fresh, 10); }},
    // ---- stream_init ----
    {"stream_init", "k 0", status::invalid_argument,
     [](W& w) { stream_params p; p.k = 0; return tinykm::stream_init(p, D, w.out.state); }},
    {"stream_init", "d 0", status::invalid_argument,
     [](W& w) { stream_params p; p.k = K; return tinykm::stream_init(p, 0, w.out.state); }},
    {"stream_init", "d above max_d", status::capacity_exceeded,
     [](W& w) { stream_params p; p.k = K; return tinykm::stream_init(p, tinykm::max_d + 1, w.out.state); }},
    {"stream_init", "null memory", status::invalid_argument,
     [](W&) { stream_params p; p.k = K; return tinykm::stream_init(p, D, tinykm::stream_state{nullptr, 1u << 20}); }},
    {"stream_init", "memory one byte short", status::workspace_too_small,
     [](W& w) { stream_params p; p.k = K; p.reservoir = R;
                return tinykm::stream_init(p, D, {w.out.state.memory, tinykm::stream_memory_size(K, D, R) - 1}); }},
    {"stream_init", "memory not 8-byte aligned", status::invalid_argument,
     [](W& w) { stream_params p; p.k = K; p.reservoir = R;
                return tinykm::stream_init(p, D, {static_cast<unsigned char*>(w.out.state.memory) + 4, w.out.state.bytes - 8}); }},
    {"stream_init", "half_life NaN", status::invalid_argument,
     [](W& w) { stream_params p; p.k = K; p.half_life = kNaN; return tinykm::stream_init(p, D, w.out.state); }},
    {"stream_init", "rule enum 9", status::invalid_argument,
     [](W& w) { stream_params p; p.k = K; p.rule = static_cast<tinykm::update_rule>(9);
                return tinykm::stream_init(p, D, w.out.state); }},
    {"stream_init", "reservoir above 1 GiB", status::capacity_exceeded,
     [](W& w) { stream_params p; p.k = K; p.reservoir = static_cast<std::size_t>(-1) / 2;
                return tinykm::stream_init(p, D, w.out.state); }},
    // ---- stream_seed ----
    {"stream_seed", "stream already ready", status::invalid_argument,
     [](W& w) { return tinykm::stream_seed(w.a.state, w.centres.data()); }},
    {"stream_seed", "null centroids", status::invalid_argument,
     [](W& w) { return tinykm::stream_seed(w.warm.state, nullptr); }},
    {"stream_seed", "NaN centroid", status::non_finite_input,
     [](W& w) { std::vector<float> c = w.centres; c[5] = kNaN; return tinykm::stream_seed(w.warm.state, c.data()); }},
    {"stream_seed", "centroid of magnitude 1e30", status::out_of_range,
     [](W& w) { std::vector<float> c = w.centres; c[0] = -1e30f; return tinykm::stream_seed(w.warm.state, c.data()); }},
    {"stream_seed", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return tinykm::stream_seed(w.blank.state, w.centres.data()); }},
    // ---- stream_update / stream_update_ready ----
    {"stream_update", "NaN sample (ready)", status::non_finite_input,
     [](W& w) { return tinykm::stream_update(w.a.state, nan_x, &w.sample); }},
    {"stream_update", "+Inf sample (warming up)", status::non_finite_input,
     [](W& w) { return tinykm::stream_update(w.warm.state, inf_x, &w.sample); }},
    {"stream_update", "sample of magnitude 1e30", status::out_of_range,
     [](W& w) { return tinykm::stream_update(w.a.state, huge_x, &w.sample); }},
    {"stream_update", "null sample", status::invalid_argument,
     [](W& w) { return tinykm::stream_update(w.a.state, nullptr, &w.sample); }},
    {"stream_update", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return tinykm::stream_update(w.blank.state, w.pts.data(), &w.sample); }},
    {"stream_update", "handle shorter than the stream", status::invalid_argument,
     [](W& w) { return tinykm::stream_update({w.a.state.memory, 64}, w.pts.data(), &w.sample); }},
    {"stream_update_ready", "stream warming up", status::not_ready,
     [](W& w) { return tinykm::stream_update_ready(w.warm.state, w.pts.data(), &w.sample); }},
    {"stream_update_ready", "-Inf sample", status::non_finite_input,
     [](W& w) { return tinykm::stream_update_ready(w.a.state, ninf_x, &w.sample); }},
    {"stream_update_ready", "null sample", status::invalid_argument,
     [](W& w) { return tinykm::stream_update_ready(w.a.state, nullptr, &w.sample); }},
    // ---- stream_update_batch ----
    {"stream_update_batch", "NaN in the last sample", status::non_finite_input,
     [](W& w) { const auto p = w.pts_with(N * D - 1, kNaN);
                return tinykm::stream_update_batch(w.a.state, p.data(), N, w.labels.data(), w.floats.data()); }},
    {"stream_update_batch", "NaN completing the warm-up", status::non_finite_input,
     [](W& w) { const auto p = w.pts_with(N * D - 1, kNaN);
                return tinykm::stream_update_batch(w.warm.state, p.data(), N, w.labels.data(), w.floats.data()); }},
    {"stream_update_batch", "sample of magnitude -FLT_MAX", status::out_of_range,
     [](W& w) { const auto p = w.pts_with(20, -std::numeric_limits<float>::max());
                return tinykm::stream_update_batch(w.a.state, p.data(), N, w.labels.data(), w.floats.data()); }},
    {"stream_update_batch", "null samples", status::invalid_argument,
     [](W& w) { return tinykm::stream_update_batch(w.a.state, nullptr, N, w.labels.data(), w.floats.data()); }},
    {"stream_update_batch", "null memory", status::invalid_argument,
     [](W& w) { return tinykm::stream_update_batch({nullptr, w.a.state.bytes}, w.pts.data(), N); }},
    // ---- stream_predict / stream_score ----
    {"stream_predict", "stream warming up", status::not_ready,
     [](W& w) { return tinykm::stream_predict(w.warm.state, w.pts.data(), N, w.labels.data()); }},
    {"stream_predict", "null labels", status::invalid_argument,
     [](W& w) { return tinykm::stream_predict(w.a.state, w.pts.data(), N, nullptr); }},
    {"stream_predict", "NaN in the last sample", status::non_finite_input,
     [](W& w) { const auto p = w.pts_with(N * D - 1, kNaN);
                return tinykm::stream_predict(w.a.state, p.data(), N, w.labels.data()); }},
    {"stream_score", "stream warming up", status::not_ready,
     [](W& w) { bool an = false; return tinykm::stream_score(w.warm.state, w.pts.data(), &w.floats[0], &an); }},
    {"stream_score", "null score", status::invalid_argument,
     [](W& w) { return tinykm::stream_score(w.a.state, w.pts.data(), nullptr); }},
    {"stream_score", "-Inf sample", status::non_finite_input,
     [](W& w) { return tinykm::stream_score(w.a.state, ninf_x, &w.floats[0]); }},
    // ---- stream_merge ----
    {"stream_merge", "streams of another k", status::invalid_argument,
     [](W& w) { return tinykm::stream_merge(w.a.state, w.k2.state, w.out.state); }},
    {"stream_merge", "streams of another d", status::dimension_mismatch,
     [](W& w) { return tinykm::stream_merge(w.d3.state, w.a.state, w.out.state); }},
    {"stream_merge", "b warming up", status::not_ready,
     [](W& w) { return tinykm::stream_merge(w.a.state, w.warm.state, w.out.state); }},
    {"stream_merge", "out memory one byte short", status::workspace_too_small,
     [](W& w) { return tinykm::stream_merge(w.a.state, w.b.state,
                                            {w.out.state.memory, tinykm::stream_memory_size(K, D, R) - 1}); }},
    {"stream_merge", "a holds no stream", status::invalid_argument,
     [](W& w) { return tinykm::stream_merge(w.blank.state, w.b.state, w.out.state); }},
    // ---- stream_get_info / stream_model ----
    {"stream_get_info", "null info", status::invalid_argument,
     [](W& w) { return tinykm::stream_get_info(w.a.state, nullptr); }},
    {"stream_get_info", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return tinykm::stream_get_info(w.blank.state, &w.info); }},
    {"stream_model", "stream warming up", status::not_ready,
     [](W& w) { return tinykm::stream_model(w.warm.state, &w.out_model); }},
    {"stream_model", "null model", status::invalid_argument,
     [](W& w) { return tinykm::stream_model(w.a.state, nullptr); }},
    // ---- save / load: models ----
    {"save(model)", "model not fitted", status::not_ready,
     [](W& w) { const tinykm::model_view m{w.centres.data(), w.centres.size(), 0, 0};
                return tinykm::save(m, w.blob_out.data(), w.blob_out.size(), &w.written); }},
    {"save(model)", "buffer one byte short", status::output_too_small,
     [](W& w) { return tinykm::save(w.model, w.blob_out.data(), tinykm::save_size(w.model) - 1, &w.written); }},
    {"save(model)", "null buffer", status::invalid_argument,
     [](W& w) { return tinykm::save(w.model, nullptr, w.blob_out.size(), &w.written); }},
    {"save(model)", "NaN centroid", status::non_finite_input,
     [](W& w) { std::vector<float> c = w.centres; c[2] = kNaN;
                const tinykm::model_view m{c.data(), c.size(), K, D};
                return tinykm::save(m, w.blob_out.data(), w.blob_out.size(), &w.written); }},
    {"load(model)", "blob truncated by one byte", status::corrupt_model,
     [](W& w) { return tinykm::load(w.model_blob.data(), w.model_blob.size() - 1, w.out_model); }},
    {"load(model)", "one bit flipped", status::corrupt_model,
     [](W& w) { const auto b = flipped(w.model_blob, 20); return tinykm::load(b.data(), b.size(), w.out_model); }},
    {"load(model)", "version 2, CRC resealed", status::corrupt_model,
     [](W& w) { const auto b = resealed(w.model_blob, 4, 2); return tinykm::load(b.data(), b.size(), w.out_model); }},
    {"load(model)", "k 0, CRC resealed", status::corrupt_model,
     [](W& w) { const auto b = resealed(w.model_blob, 8, 0); return tinykm::load(b.data(), b.size(), w.out_model); }},
    {"load(model)", "NaN centre, CRC resealed", status::corrupt_model,
     [](W& w) { auto b = w.model_blob;  // the last centre float: 0x7FC00000
                b = resealed(b, b.size() - 6, 0xC0); b = resealed(b, b.size() - 5, 0x7F);
                return tinykm::load(b.data(), b.size(), w.out_model); }},
    {"load(model)", "a stream blob", status::corrupt_model,
     [](W& w) { return tinykm::load(w.stream_blob.data(), w.stream_blob.size(), w.out_model); }},
    {"load(model)", "capacity one float short", status::capacity_exceeded,
     [](W& w) { w.out_model.capacity = K * D - 1; const status s = tinykm::load(w.model_blob.data(), w.model_blob.size(), w.out_model);
                w.out_model.capacity = K * D; return s; }},
    {"load(model)", "null buffer", status::invalid_argument,
     [](W& w) { return tinykm::load(nullptr, w.model_blob.size(), w.out_model); }},
    {"load(model)", "zero length", status::corrupt_model,
     [](W& w) { return tinykm::load(w.model_blob.data(), 0, w.out_model); }},
    // ---- save / load: streams ----
    {"save(stream)", "buffer one byte short", status::output_too_small,
     [](W& w) { return tinykm::save(w.a.state, w.blob_out.data(), tinykm::save_size(w.a.state) - 1, &w.written); }},
    {"save(stream)", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return tinykm::save(w.blank.state, w.blob_out.data(), w.blob_out.size(), &w.written); }},
    {"load(stream)", "one bit flipped", status::corrupt_model,
     [](W& w) { const auto b = flipped(w.stream_blob, w.stream_blob.size() / 2); return tinykm::load(b.data(), b.size(), w.out.state); }},
    {"load(stream)", "blob truncated by one byte", status::corrupt_model,
     [](W& w) { return tinykm::load(w.stream_blob.data(), w.stream_blob.size() - 1, w.out.state); }},
    {"load(stream)", "rule 7, CRC resealed", status::corrupt_model,
     [](W& w) { const auto b = resealed(w.stream_blob, 28, 7); return tinykm::load(b.data(), b.size(), w.out.state); }},
    {"load(stream)", "warmup_n_init 2^31, CRC resealed", status::corrupt_model,
     [](W& w) { const auto b = resealed(w.stream_blob, 67, 0x80); return tinykm::load(b.data(), b.size(), w.out.state); }},
    {"load(stream)", "a model blob", status::corrupt_model,
     [](W& w) { return tinykm::load(w.model_blob.data(), w.model_blob.size(), w.out.state); }},
    {"load(stream)", "memory one byte short", status::workspace_too_small,
     [](W& w) { return tinykm::load(w.stream_blob.data(), w.stream_blob.size(),
                                    {w.out.state.memory, tinykm::stream_memory_size(K, D, R) - 1}); }},
    {"load(stream)", "memory not 8-byte aligned", status::invalid_argument,
     [](W& w) { return tinykm::load(w.stream_blob.data(), w.stream_blob.size(),
                                    {static_cast<unsigned char*>(w.out.state.memory) + 4, w.out.state.bytes - 8}); }},
    // ---- C API ----
    {"tinykm_fit", "null params", status::invalid_argument,
     [](W& w) { return from_c(tinykm_fit(w.pts.data(), N, D, nullptr, nullptr, &w.c_out, w.ws.data(), w.ws_bytes(), &w.c_result)); }},
    {"tinykm_fit", "null model", status::invalid_argument,
     [](W& w) { const tinykm_params p = tinykm_default_params();
                return from_c(tinykm_fit(w.pts.data(), N, D, nullptr, &p, nullptr, w.ws.data(), w.ws_bytes(), &w.c_result)); }},
    {"tinykm_fit", "NaN point", status::non_finite_input,
     [](W& w) { tinykm_params p = tinykm_default_params(); p.k = K; const auto x = w.pts_with(3, kNaN);
                return from_c(tinykm_fit(x.data(), N, D, nullptr, &p, &w.c_out, w.ws.data(), w.ws_bytes(), &w.c_result)); }},
    {"tinykm_fit", "init enum 6", status::invalid_argument,
     [](W& w) { tinykm_params p = tinykm_default_params(); p.k = K; p.init = 6;
                return from_c(tinykm_fit(w.pts.data(), N, D, nullptr, &p, &w.c_out, w.ws.data(), w.ws_bytes(), &w.c_result)); }},
    {"tinykm_fit", "workspace one byte short", status::workspace_too_small,
     [](W& w) { tinykm_params p = tinykm_default_params(); p.k = K;
                return from_c(tinykm_fit(w.pts.data(), N, D, nullptr, &p, &w.c_out, w.ws.data(),
                                         tinykm_fit_workspace_size(&p, N, D) - 1, &w.c_result)); }},
    {"tinykm_predict", "labels_len one short", status::output_too_small,
     [](W& w) { const tinykm_model m = w.c_model(); return from_c(tinykm_predict(&m, w.pts.data(), N, D, w.labels.data(), N - 1)); }},
    {"tinykm_predict", "null model", status::invalid_argument,
     [](W& w) { return from_c(tinykm_predict(nullptr, w.pts.data(), N, D, w.labels.data(), N)); }},
    {"tinykm_predict_parallel", "+Inf point", status::non_finite_input,
     [](W& w) { const tinykm_model m = w.c_model(); const auto x = w.pts_with(0, kInf);
                return from_c(tinykm_predict_parallel(&m, x.data(), N, D, w.labels.data(), N, nullptr)); }},
    {"tinykm_transform", "distances_len one short", status::output_too_small,
     [](W& w) { const tinykm_model m = w.c_model(); return from_c(tinykm_transform(&m, w.pts.data(), N, D, w.floats.data(), N * K - 1)); }},
    {"tinykm_transform", "model not fitted", status::not_ready,
     [](W& w) { tinykm_model m = w.c_model(); m.k = 0; return from_c(tinykm_transform(&m, w.pts.data(), N, D, w.floats.data(), N * K)); }},
    {"tinykm_inertia", "null output", status::invalid_argument,
     [](W& w) { const tinykm_model m = w.c_model(); return from_c(tinykm_inertia(&m, w.pts.data(), N, D, nullptr, nullptr)); }},
    {"tinykm_inertia", "zero weight", status::invalid_argument,
     [](W& w) { const tinykm_model m = w.c_model(); std::vector<float> wt = w.weights; wt[N - 1] = 0.0f;
                return from_c(tinykm_inertia(&m, w.pts.data(), N, D, wt.data(), &w.dbl)); }},
    {"tinykm_stream_init", "null params", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_init(nullptr, D, W::c(w.out))); }},
    {"tinykm_stream_init", "learning_rate 1.5", status::invalid_argument,
     [](W& w) { tinykm_stream_params p = tinykm_default_stream_params(); p.k = K; p.learning_rate = 1.5f;
                return from_c(tinykm_stream_init(&p, D, W::c(w.out))); }},
    {"tinykm_fit", "empty_cluster -1", status::invalid_argument,
     [](W& w) { tinykm_params p = tinykm_default_params(); p.k = K; p.empty_cluster = -1;
                return from_c(tinykm_fit(w.pts.data(), N, D, nullptr, &p, &w.c_out, w.ws.data(), w.ws_bytes(), &w.c_result)); }},
    {"tinykm_stream_init", "rule -1", status::invalid_argument,
     [](W& w) { tinykm_stream_params p = tinykm_default_stream_params(); p.k = K; p.rule = -1;
                return from_c(tinykm_stream_init(&p, D, W::c(w.out))); }},
    {"tinykm_stream_init", "unit INT32_MIN", status::invalid_argument,
     [](W& w) { tinykm_stream_params p = tinykm_default_stream_params(); p.k = K; p.unit = INT32_MIN;
                return from_c(tinykm_stream_init(&p, D, W::c(w.out))); }},
    {"tinykm_stream_memory_size", "k SIZE_MAX is 0, not a wrapped size", status::ok,
     [](W&) { return tinykm_stream_memory_size(static_cast<std::size_t>(-1), D, 0) == 0 &&
                     tinykm_stream_memory_size(K, static_cast<std::size_t>(-1), 0) == 0 &&
                     tinykm_stream_memory_size(K, D, static_cast<std::size_t>(-1)) == 0
                 ? status::ok : status::invalid_argument; }},
    {"tinykm_stream_update", "sample of another d", status::dimension_mismatch,
     [](W& w) { tinykm_stream_sample s; return from_c(tinykm_stream_update(W::c(w.a), w.pts.data(), D + 1, &s)); }},
    {"tinykm_stream_update", "NaN sample", status::non_finite_input,
     [](W& w) { return from_c(tinykm_stream_update(W::c(w.a), nan_x, D, nullptr)); }},
    {"tinykm_stream_update_batch", "labels_len one short", status::output_too_small,
     [](W& w) { return from_c(tinykm_stream_update_batch(W::c(w.a), w.pts.data(), N, D, w.labels.data(), N - 1, nullptr, 0)); }},
    {"tinykm_stream_update_batch", "scores_len one short", status::output_too_small,
     [](W& w) { return from_c(tinykm_stream_update_batch(W::c(w.a), w.pts.data(), N, D, nullptr, 0, w.floats.data(), N - 1)); }},
    {"tinykm_stream_update_batch", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_update_batch(W::c(w.blank), w.pts.data(), N, D, nullptr, 0, nullptr, 0)); }},
    {"tinykm_stream_predict", "samples of another d", status::dimension_mismatch,
     [](W& w) { return from_c(tinykm_stream_predict(W::c(w.d3), w.pts.data(), N / 2, D, w.labels.data(), N)); }},
    {"tinykm_stream_predict", "labels_len one short", status::output_too_small,
     [](W& w) { return from_c(tinykm_stream_predict(W::c(w.a), w.pts.data(), N, D, w.labels.data(), N - 1)); }},
    {"tinykm_stream_score", "sample of another d", status::dimension_mismatch,
     [](W& w) { bool an = false; return from_c(tinykm_stream_score(W::c(w.a), w.pts.data(), 1, &w.floats[0], &an)); }},
    {"tinykm_stream_merge", "streams of another k", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_merge(W::c(w.k2), W::c(w.a), W::c(w.out))); }},
    {"tinykm_stream_get_info", "null info", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_get_info(W::c(w.a), nullptr)); }},
    {"tinykm_stream_get_info", "memory that holds no stream", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_get_info(W::c(w.blank), &w.c_info)); }},
    {"tinykm_stream_model", "stream warming up", status::not_ready,
     [](W& w) { return from_c(tinykm_stream_model(W::c(w.warm), &w.c_out)); }},
    {"tinykm_stream_model", "null model", status::invalid_argument,
     [](W& w) { return from_c(tinykm_stream_model(W::c(w.a), nullptr)); }},
    {"tinykm_model_save", "null model", status::invalid_argument,
     [](W& w) { return from_c(tinykm_model_save(nullptr, w.blob_out.data(), w.blob_out.size(), &w.written)); }},
    {"tinykm_model_save", "buffer one byte short", status::output_too_small,
     [](W& w) { const tinykm_model m = w.c_model();
                return from_c(tinykm_model_save(&m, w.blob_out.data(), tinykm_model_save_size(&m) - 1, &w.written)); }},
    {"tinykm_model_load", "null model", status::invalid_argument,
     [](W& w) { return from_c(tinykm_model_load(w.model_blob.data(), w.model_blob.size(), nullptr)); }},
    {"tinykm_model_load", "one bit flipped", status::corrupt_model,
     [](W& w) { const auto b = flipped(w.model_blob, 9); return from_c(tinykm_model_load(b.data(), b.size(), &w.c_out)); }},
    {"tinykm_stream_save", "buffer one byte short", status::output_too_small,
     [](W& w) { return from_c(tinykm_stream_save(W::c(w.a), w.blob_out.data(), tinykm_stream_save_size(W::c(w.a)) - 1, &w.written)); }},
    {"tinykm_stream_load", "blob truncated to its header", status::corrupt_model,
     [](W& w) { return from_c(tinykm_stream_load(w.stream_blob.data(), 16, W::c(w.out))); }},
    {"tinykm_stream_load", "k 2 in a stream of k 3's memory, CRC resealed", status::corrupt_model,
     [](W& w) { const auto b = resealed(w.stream_blob, 8, 2); return from_c(tinykm_stream_load(b.data(), b.size(), W::c(w.out))); }},
};

}  // namespace

TEST_CASE("input matrix: every bad input returns its status and leaves every output untouched",
          "[bad_input][matrix]") {
  std::set<std::string> entries, classes;
  for (const row& r : rows) {
    world w;
    const std::vector<unsigned char> before = w.snapshot();
    INFO(r.entry << ": " << r.what);
    const status got = r.call(w);
    CHECK(std::string(tinykm::to_string(got)) == tinykm::to_string(r.expected));
    CHECK(w.snapshot() == before);
    entries.insert(r.entry);
    classes.insert(r.what);
  }
  CHECK(sizeof rows / sizeof rows[0] >= 40);
  // Every public entry point not tabulated in test_bad_input.cpp has rows here.
  for (const char* e :
       {"predict(parallel)", "lloyd_begin", "lloyd_step", "stream_init", "stream_seed",
        "stream_update", "stream_update_ready", "stream_update_batch", "stream_predict",
        "stream_score", "stream_merge", "stream_get_info", "stream_model", "save(model)",
        "load(model)", "save(stream)", "load(stream)", "tinykm_fit", "tinykm_predict",
        "tinykm_predict_parallel", "tinykm_transform", "tinykm_inertia", "tinykm_stream_init",
        "tinykm_stream_update", "tinykm_stream_update_batch", "tinykm_stream_predict",
        "tinykm_stream_score", "tinykm_stream_merge", "tinykm_stream_get_info",
        "tinykm_stream_model", "tinykm_model_save", "tinykm_model_load", "tinykm_stream_save",
        "tinykm_stream_load"}) {
    INFO(e);
    CHECK(entries.count(e) == 1);
  }
}

// The snapshot catches writes: the same world, with good input, changes it.
TEST_CASE("input matrix: the snapshot sees what a good call writes", "[bad_input][matrix]") {
  world w;
  std::vector<unsigned char> before = w.snapshot();
  CHECK(tinykm::predict(w.model, w.pts.data(), N, D, w.labels.data()) == status::ok);
  CHECK(w.snapshot() != before);
  before = w.snapshot();
  CHECK(tinykm::stream_update(w.a.state, w.pts.data(), &w.sample) == status::ok);
  CHECK(w.snapshot() != before);
  before = w.snapshot();
  CHECK(tinykm::load(w.model_blob.data(), w.model_blob.size(), w.out_model) == status::ok);
  CHECK(w.snapshot() != before);
  before = w.snapshot();
  CHECK(tinykm::lloyd_step(w.begun, 3) == status::ok);
  CHECK(w.snapshot() != before);
}
