// Bad-input matrix of the MPI entry points (mpi::fit, mpi::merge_streams), the MPI twin of
// tests/test_input_matrix.cpp. Each row is run by every rank, with the bad input on one rank
// only where the class allows it ("the odd rank": the last one); the row passes on a rank when
// the call returns the expected status there AND every byte that rank owns for output (model,
// workspaces, result, every stream's memory) equals its copy taken before. Rows that need two
// ranks to be bad at all (shapes that differ between ranks) are skipped at np = 1. CHECK only,
// never REQUIRE (see test_mpi_fit.cpp); a hang is caught by the ctest TIMEOUT.
#include <catch2/catch.hpp>
#include <mpi.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "mpi_support.hpp"
#include "tinykm/mpi.hpp"
#include "tinykm/tinykm.hpp"

using tinykm::status;
using tinykm_mpi_test::rank_of;
using tinykm_mpi_test::ranks;

namespace {

constexpr std::size_t K = 3, D = 2, R = 16;
constexpr std::size_t big_k = 64;  // room in the output model and workspace for k > global n
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

std::size_t n_local() { return 12 + 3 * static_cast<std::size_t>(rank_of()); }
std::size_t n_global() {
  std::size_t n = 0;
  for (int r = 0; r < ranks(); ++r) n += 12 + 3 * static_cast<std::size_t>(r);
  return n;
}
bool odd() { return rank_of() == ranks() - 1; }

// n x d values in [-1, 1) that differ by rank (no RNG: every run is the same).
std::vector<float> shard_points(std::size_t n, std::size_t d) {
  std::vector<float> x(n * d);
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<float>((i * 37 + static_cast<std::size_t>(rank_of()) * 11) % 23) / 11.5f - 1.0f;
  return x;
}

// A stream that owns 8-byte aligned heap memory.
struct owned_stream {
  std::vector<std::uint64_t> memory;
  tinykm::stream_state state;
  owned_stream(std::size_t k, std::size_t d, std::size_t r)
      : memory(tinykm::stream_memory_size(k, d, r) / 8 + 1), state{memory.data(), memory.size() * 8} {}
};

// k, d and reservoir r; ready after `samples` samples (warming up when samples <= r).
void fill(owned_stream& s, std::size_t k, std::size_t d, std::size_t r, std::size_t samples) {
  tinykm::stream_params p;
  p.k = k;
  p.reservoir = r;
  CHECK(tinykm::stream_init(p, d, s.state) == status::ok);
  const std::vector<float> x = shard_points(samples, d);
  CHECK(tinykm::stream_update_batch(s.state, x.data(), samples) == status::ok);
}

struct world {
  // Inputs.
  std::vector<float> pts = shard_points(n_local(), D);
  std::vector<float> weights = std::vector<float>(n_local(), 1.0f);
  std::vector<float> centres = {0.0f, 0.0f, 0.5f, 0.5f, -0.5f, 0.25f};  // user init
  tinykm::fit_params params;
  // Outputs, poisoned.
  std::vector<float> out_centres = std::vector<float>(big_k * (D + 1), 12345.0f);
  tinykm::model_view model{out_centres.data(), out_centres.size(), 2, 7};
  std::vector<std::uint64_t> ws;        // mpi::fit's, room for big_k clusters
  std::vector<std::uint64_t> merge_ws;  // merge_streams', room for d + 1 features
  tinykm::fit_result result;
  // Streams: a ready (K, D, R); warm warming up; k2 ready with k = 2; d3 ready with d = 3;
  // r2 ready with reservoir 2R; blank never initialised.
  owned_stream a{K, D, R}, warm{K, D, R}, k2{2, D, R}, d3{K, D + 1, R}, r2{K, D, 2 * R},
      blank{K, D, R};

  world() {
    params.k = K;
    tinykm::fit_params room = params;
    room.k = big_k;
    ws.assign(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, room, n_local(), D) / 8 + 8,
              0xA5A5A5A5A5A5A5A5ull);
    merge_ws.assign(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, K, D + 1) / 8 + 8,
                    0x5A5A5A5A5A5A5A5Aull);
    std::memset(static_cast<void*>(&result), 0xA5, sizeof result);
    fill(a, K, D, R, R + 4);
    fill(warm, K, D, R, 5);
    fill(k2, 2, D, R, R + 4);
    fill(d3, K, D + 1, R, R + 4);
    fill(r2, K, D, 2 * R, 2 * R + 4);
    std::memset(blank.memory.data(), 0, blank.state.bytes);
  }

  // Every byte a failed call must leave alone (inputs included: they are const).
  std::vector<unsigned char> snapshot() const {
    std::vector<unsigned char> s;
    const auto add = [&s](const void* p, std::size_t bytes) {
      const auto* c = static_cast<const unsigned char*>(p);
      s.insert(s.end(), c, c + bytes);
    };
    for (const std::vector<float>* v : {&pts, &weights, &centres, &out_centres})
      add(v->data(), v->size() * 4);
    for (const std::vector<std::uint64_t>* v : {&ws, &merge_ws}) add(v->data(), v->size() * 8);
    add(&model, sizeof model);
    add(&result, sizeof result);
    for (const owned_stream* st : {&a, &warm, &k2, &d3, &r2, &blank})
      add(st->memory.data(), st->state.bytes);
    return s;
  }

  std::size_t ws_bytes() const { return ws.size() * 8; }
  std::size_t merge_bytes() const { return merge_ws.size() * 8; }
  // mpi::fit on this rank's points with p (workspace and outputs of the world).
  status fit(const tinykm::fit_params& p, const float* x = nullptr, std::size_t n = n_local(),
             std::size_t d = D, const tinykm::mpi::parallel_init& init = {}) {
    return tinykm::mpi::fit(MPI_COMM_WORLD, x != nullptr ? x : pts.data(), n, d, nullptr, p,
                            model, ws.data(), ws_bytes(), &result, init);
  }
  // The points with value v at flat index `at` on the odd rank.
  std::vector<float> pts_with(std::size_t at, float v) const {
    std::vector<float> p = pts;
    if (odd()) p.at(at) = v;
    return p;
  }
  status fit_weighted(float bad_weight) {
    std::vector<float> wt = weights;
    if (odd()) wt.at(n_local() - 1) = bad_weight;
    return tinykm::mpi::fit(MPI_COMM_WORLD, pts.data(), n_local(), D, wt.data(), params, model,
                            ws.data(), ws_bytes(), &result);
  }
  tinykm::fit_params user_params() const {
    tinykm::fit_params p = params;
    p.init = tinykm::init_method::user;
    p.initial_centroids = centres.data();
    return p;
  }
  // merge_streams of s on the odd rank and of `a` elsewhere.
  status merge(const tinykm::stream_state& s) {
    return tinykm::mpi::merge_streams(MPI_COMM_WORLD, odd() ? s : a.state, merge_ws.data(),
                                      merge_bytes());
  }
};

struct row {
  const char* entry;  // the function, as named in its header
  const char* what;   // the bad input class
  status expected;    // on every rank
  int min_ranks;      // 2: the class needs two ranks to be bad
  status (*call)(world&);
};

using W = world;
using P = tinykm::fit_params;

const row rows[] = {
    // ---- mpi::fit: pointers, sizes, k against the global n ----
    {"mpi::fit", "null points on one rank (n_local > 0)", status::invalid_argument, 1,
     [](W& w) { return tinykm::mpi::fit(MPI_COMM_WORLD, odd() ? nullptr : w.pts.data(), n_local(), D, nullptr,
                                        w.params, w.model, w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::fit", "d 0", status::invalid_argument, 1,
     [](W& w) { return w.fit(w.params, nullptr, n_local(), 0); }},
    {"mpi::fit", "d 0 on one rank", status::invalid_argument, 1,
     [](W& w) { return w.fit(w.params, nullptr, n_local(), odd() ? 0 : D); }},
    {"mpi::fit", "k 0", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.k = 0; return w.fit(p); }},
    {"mpi::fit", "k above the global n (every shard below it too)", status::too_few_points, 1,
     [](W& w) { P p = w.params; p.k = n_global() + 1; return w.fit(p); }},
    {"mpi::fit", "every shard empty", status::too_few_points, 1,
     [](W& w) { return tinykm::mpi::fit(MPI_COMM_WORLD, nullptr, 0, D, nullptr, w.params, w.model,
                                        w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::fit", "k above max_k", status::capacity_exceeded, 1,
     [](W& w) { P p = w.params; p.k = tinykm::max_k + 1; return w.fit(p); }},
    {"mpi::fit", "d above max_d", status::capacity_exceeded, 1,
     [](W& w) { return w.fit(w.params, w.pts.data(), 1, tinykm::max_d + 1); }},
    {"mpi::fit", "null model centroids on one rank", status::invalid_argument, 1,
     [](W& w) { tinykm::model_view m = w.model; if (odd()) m.centroids = nullptr;
                return tinykm::mpi::fit(MPI_COMM_WORLD, w.pts.data(), n_local(), D, nullptr, w.params, m,
                                        w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::fit", "model capacity one float short on one rank", status::capacity_exceeded, 1,
     [](W& w) { tinykm::model_view m = w.model; if (odd()) m.capacity = K * D - 1;
                const status s = tinykm::mpi::fit(MPI_COMM_WORLD, w.pts.data(), n_local(), D, nullptr, w.params, m,
                                                  w.ws.data(), w.ws_bytes(), &w.result);
                return m.k == w.model.k ? s : status::ok; }},  // the view's k untouched too
    {"mpi::fit", "null workspace on one rank", status::invalid_argument, 1,
     [](W& w) { return tinykm::mpi::fit(MPI_COMM_WORLD, w.pts.data(), n_local(), D, nullptr, w.params, w.model,
                                        odd() ? nullptr : w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::fit", "workspace one byte short on one rank", status::workspace_too_small, 1,
     [](W& w) { const std::size_t need = tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, w.params, n_local(), D);
                return tinykm::mpi::fit(MPI_COMM_WORLD, w.pts.data(), n_local(), D, nullptr, w.params, w.model,
                                        w.ws.data(), odd() ? need - 1 : w.ws_bytes(), &w.result); }},
    // ---- mpi::fit: values on one rank only ----
    {"mpi::fit", "NaN point on one rank", status::non_finite_input, 1,
     [](W& w) { const auto x = w.pts_with(5, kNaN); return w.fit(w.params, x.data()); }},
    {"mpi::fit", "+Inf point on one rank", status::non_finite_input, 1,
     [](W& w) { const auto x = w.pts_with(0, kInf); return w.fit(w.params, x.data()); }},
    {"mpi::fit", "-Inf in the last point of one rank", status::non_finite_input, 1,
     [](W& w) { const auto x = w.pts_with(n_local() * D - 1, -kInf); return w.fit(w.params, x.data()); }},
    {"mpi::fit", "point of magnitude 1e30 on one rank", status::out_of_range, 1,
     [](W& w) { const auto x = w.pts_with(3, 1e30f); return w.fit(w.params, x.data()); }},
    {"mpi::fit", "NaN weight on one rank", status::non_finite_input, 1,
     [](W& w) { return w.fit_weighted(kNaN); }},
    {"mpi::fit", "negative weight on one rank", status::invalid_argument, 1,
     [](W& w) { return w.fit_weighted(-1.0f); }},
    {"mpi::fit", "zero weight on one rank", status::invalid_argument, 1,
     [](W& w) { return w.fit_weighted(0.0f); }},
    {"mpi::fit", "user init: NaN in rank 0's centroids", status::non_finite_input, 1,
     [](W& w) { P p = w.user_params(); std::vector<float> c = w.centres; if (rank_of() == 0) c.at(3) = kNaN;
                p.initial_centroids = c.data(); return w.fit(p); }},
    {"mpi::fit", "user init: centroid 1e30 on rank 0, whose shard is empty", status::out_of_range, 1,
     [](W& w) { P p = w.user_params(); std::vector<float> c = w.centres; const bool root = rank_of() == 0;
                if (root) c.at(0) = 1e30f;
                p.initial_centroids = c.data();
                return w.fit(p, w.pts.data(), root ? 0 : n_local()); }},
    {"mpi::fit", "user init: null centroids on rank 0", status::invalid_argument, 1,
     [](W& w) { P p = w.user_params(); if (rank_of() == 0) p.initial_centroids = nullptr; return w.fit(p); }},
    // ---- mpi::fit: parameters ----
    {"mpi::fit", "n_init 0", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.n_init = 0; return w.fit(p); }},
    {"mpi::fit", "max_iter 0", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.max_iter = 0; return w.fit(p); }},
    {"mpi::fit", "tol NaN", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.tol = std::numeric_limits<double>::quiet_NaN(); return w.fit(p); }},
    {"mpi::fit", "tol -1", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.tol = -1.0; return w.fit(p); }},
    {"mpi::fit", "init enum 7", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.init = static_cast<tinykm::init_method>(7); return w.fit(p); }},
    {"mpi::fit", "empty_cluster enum 5", status::invalid_argument, 1,
     [](W& w) { P p = w.params; p.empty_cluster = static_cast<tinykm::empty_cluster_policy>(5); return w.fit(p); }},
    {"mpi::fit", "farthest_point init", status::not_available, 1,
     [](W& w) { P p = w.params; p.init = tinykm::init_method::farthest_point; return w.fit(p); }},
    {"mpi::fit", "k-means|| rounds 0", status::invalid_argument, 1,
     [](W& w) { tinykm::mpi::parallel_init i; i.rounds = 0; return w.fit(w.params, nullptr, n_local(), D, i); }},
    {"mpi::fit", "k-means|| oversampling NaN", status::invalid_argument, 1,
     [](W& w) { tinykm::mpi::parallel_init i; i.oversampling = std::numeric_limits<double>::quiet_NaN();
                return w.fit(w.params, nullptr, n_local(), D, i); }},
    {"mpi::fit", "k-means|| oversampling 0", status::invalid_argument, 1,
     [](W& w) { tinykm::mpi::parallel_init i; i.oversampling = 0.0; return w.fit(w.params, nullptr, n_local(), D, i); }},
    {"mpi::fit", "k-means|| rounds 2^32 - 1 (an int-sized MPI count overflows)", status::capacity_exceeded, 1,
     [](W& w) { tinykm::mpi::parallel_init i; i.rounds = 0xffffffffu; return w.fit(w.params, nullptr, n_local(), D, i); }},
    {"mpi::fit", "null communicator", status::invalid_argument, 1,
     [](W& w) { return tinykm::mpi::fit(MPI_COMM_NULL, w.pts.data(), n_local(), D, nullptr, w.params, w.model,
                                        w.ws.data(), w.ws_bytes(), &w.result); }},
    // ---- mpi::fit: shapes and parameters that differ between ranks ----
    {"mpi::fit", "d differs on one rank", status::dimension_mismatch, 2,
     [](W& w) { return odd() ? w.fit(w.params, w.pts.data(), n_local() * D / (D + 1), D + 1) : w.fit(w.params); }},
    {"mpi::fit", "k differs on one rank", status::invalid_argument, 2,
     [](W& w) { P p = w.params; if (odd()) p.k = K + 1; return w.fit(p); }},
    {"mpi::fit", "n_init differs on one rank", status::invalid_argument, 2,
     [](W& w) { P p = w.params; if (odd()) p.n_init = 2; return w.fit(p); }},
    {"mpi::fit", "init differs on one rank", status::invalid_argument, 2,
     [](W& w) { P p = w.user_params(); if (odd()) p.init = tinykm::init_method::random; return w.fit(p); }},
    {"mpi::fit", "seed differs on one rank", status::invalid_argument, 2,
     [](W& w) { P p = w.params; if (odd()) p.seed = 99; return w.fit(p); }},
    {"mpi::fit", "tol differs on one rank", status::invalid_argument, 2,
     [](W& w) { P p = w.params; if (odd()) p.tol = 0.5; return w.fit(p); }},
    {"mpi::fit", "k-means|| rounds differ on one rank", status::invalid_argument, 2,
     [](W& w) { tinykm::mpi::parallel_init i; if (odd()) i.rounds = 2; return w.fit(w.params, nullptr, n_local(), D, i); }},
    // ---- mpi::merge_streams ----
    // ---- sizes and overlapping buffers (the rules of fit() and the stream calls) ----
    {"mpi::fit", "n_local x d wraps to 0 on one rank", status::invalid_argument, 1,
     [](W& w) { return w.fit(w.user_params(), w.pts.data(),
                             odd() ? static_cast<std::size_t>(-1) / D + 1 : n_local()); }},
    {"mpi::fit", "workspace over the points on one rank", status::invalid_argument, 1,
     [](W& w) { const float* x = odd() ? reinterpret_cast<const float*>(w.ws.data()) + 8 : w.pts.data();
                return tinykm::mpi::fit(MPI_COMM_WORLD, x, n_local(), D, nullptr, w.user_params(), w.model,
                                        w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::fit", "model over the workspace on one rank", status::invalid_argument, 1,
     [](W& w) { tinykm::model_view m = w.model;
                if (odd()) m.centroids = reinterpret_cast<float*>(w.ws.data()) + 2;
                return tinykm::mpi::fit(MPI_COMM_WORLD, w.pts.data(), n_local(), D, nullptr, w.params, m,
                                        w.ws.data(), w.ws_bytes(), &w.result); }},
    {"mpi::merge_streams", "workspace over the stream's last bytes on one rank", status::invalid_argument, 1,
     [](W& w) { // a copy of `a` with the workspace starting 8 bytes before its end
                std::vector<std::uint64_t> both((w.a.state.bytes + w.merge_bytes()) / 8 + 1);
                std::memcpy(both.data(), w.a.state.memory, w.a.state.bytes);
                const tinykm::stream_state s{both.data(), w.a.state.bytes};
                unsigned char* ws = reinterpret_cast<unsigned char*>(both.data()) + w.a.state.bytes - 8;
                return tinykm::mpi::merge_streams(MPI_COMM_WORLD, odd() ? s : w.a.state,
                                                  odd() ? static_cast<void*>(ws) : w.merge_ws.data(), w.merge_bytes()); }},
    {"mpi::merge_streams", "stream warming up on one rank", status::not_ready, 1,
     [](W& w) { return w.merge(w.warm.state); }},
    {"mpi::merge_streams", "every stream warming up", status::not_ready, 1,
     [](W& w) { return tinykm::mpi::merge_streams(MPI_COMM_WORLD, w.warm.state, w.merge_ws.data(), w.merge_bytes()); }},
    {"mpi::merge_streams", "memory that holds no stream on one rank", status::invalid_argument, 1,
     [](W& w) { return w.merge(w.blank.state); }},
    {"mpi::merge_streams", "null memory on one rank", status::invalid_argument, 1,
     [](W& w) { return w.merge({nullptr, w.a.state.bytes}); }},
    {"mpi::merge_streams", "memory not 8-byte aligned on one rank", status::invalid_argument, 1,
     [](W& w) { return w.merge({static_cast<unsigned char*>(w.a.state.memory) + 4, w.a.state.bytes - 8}); }},
    {"mpi::merge_streams", "bytes one short of the stream on one rank", status::invalid_argument, 1,
     [](W& w) { return w.merge({w.a.state.memory, tinykm::stream_memory_size(K, D, R) - 1}); }},
    {"mpi::merge_streams", "null workspace on one rank", status::invalid_argument, 1,
     [](W& w) { return tinykm::mpi::merge_streams(MPI_COMM_WORLD, w.a.state, odd() ? nullptr : w.merge_ws.data(),
                                                  w.merge_bytes()); }},
    {"mpi::merge_streams", "workspace one byte short on one rank", status::workspace_too_small, 1,
     [](W& w) { const std::size_t need = tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, K, D);
                return tinykm::mpi::merge_streams(MPI_COMM_WORLD, w.a.state, w.merge_ws.data(),
                                                  odd() ? need - 1 : w.merge_bytes()); }},
    {"mpi::merge_streams", "null communicator", status::invalid_argument, 1,
     [](W& w) { return tinykm::mpi::merge_streams(MPI_COMM_NULL, w.a.state, w.merge_ws.data(), w.merge_bytes()); }},
    {"mpi::merge_streams", "stream of another d on one rank", status::dimension_mismatch, 2,
     [](W& w) { return w.merge(w.d3.state); }},
    {"mpi::merge_streams", "stream of another k on one rank", status::invalid_argument, 2,
     [](W& w) { return w.merge(w.k2.state); }},
    {"mpi::merge_streams", "stream of another reservoir on one rank", status::invalid_argument, 2,
     [](W& w) { return w.merge(w.r2.state); }},
};

}  // namespace

TEST_CASE("mpi input matrix: every bad input gives every rank its status, outputs untouched",
          "[mpi][bad_input][matrix]") {
  std::set<std::string> entries;
  std::size_t run = 0;
  for (const row& r : rows) {
    entries.insert(r.entry);
    if (ranks() < r.min_ranks) continue;  // the same on every rank: nobody waits
    world w;
    const std::vector<unsigned char> before = w.snapshot();
    INFO("rank " << rank_of() << " of " << ranks() << ", " << r.entry << ": " << r.what);
    const status got = r.call(w);
    CHECK(std::string(tinykm::to_string(got)) == tinykm::to_string(r.expected));
    CHECK(w.snapshot() == before);
    ++run;
  }
  CHECK(sizeof rows / sizeof rows[0] >= 20);
  CHECK(run >= (ranks() > 1 ? sizeof rows / sizeof rows[0] : 20));
  CHECK(entries == std::set<std::string>{"mpi::fit", "mpi::merge_streams"});
}

// The snapshot catches writes: the same world, with good input, changes it on every rank.
TEST_CASE("mpi input matrix: the snapshot sees what a good call writes", "[mpi][bad_input][matrix]") {
  world w;
  std::vector<unsigned char> before = w.snapshot();
  CHECK(w.fit(w.params) == status::ok);
  CHECK(w.snapshot() != before);
  before = w.snapshot();
  CHECK(tinykm::mpi::merge_streams(MPI_COMM_WORLD, w.a.state, w.merge_ws.data(), w.merge_bytes()) == status::ok);
  CHECK(w.snapshot() != before);
}

// The workspace sizes of a communicator that is no communicator, or of shapes that overflow:
// SIZE_MAX, which no workspace reaches, rather than MPI's fatal error handler.
TEST_CASE("mpi input matrix: workspace sizes of bad shapes", "[mpi][bad_input]") {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  tinykm::fit_params p;
  p.k = K;
  CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_NULL, p, n_local(), D) == none);
  CHECK(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_NULL, K, D) == none);
  CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, p, none / 2, D) == none);
  CHECK(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, none / 8, D) == none);
  // Every argument at or near SIZE_MAX saturates; none wraps to a small size.
  for (const std::size_t x : {none, none - 1, none / 2 + 1, none / 4 + 1}) {
    INFO("argument " << x);
    CHECK(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, x, D) == none);
    CHECK(tinykm::mpi::merge_streams_workspace_size(MPI_COMM_WORLD, K, x) == none);
    CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, p, n_local(), x) == none);
    CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, p, x, D) == none);  // k-means||: n floats
    tinykm::fit_params big = p;
    big.k = x;
    CHECK(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, big, n_local(), D) == none);
  }
  // User init keeps no per-point buffer: its size at n = SIZE_MAX is finite, and above n's.
  tinykm::fit_params user = p;
  user.init = tinykm::init_method::user;
  const std::size_t top = tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, user, none, D);
  CHECK(top < none);
  CHECK(top > tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, user, none / 2, D));
}
