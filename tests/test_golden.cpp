// Golden outputs: fit, predict, transform, inertia, lloyd steps, streams and blobs on fixed data,
// digested (64-bit FNV-1a), must equal tests/golden/outputs.txt on every backend and target.
// Regenerate (only for an intended change of bits): TINYKM_GOLDEN_WRITE=<file> ./test_golden
//
// No header of src/, so the test outlives any move there. Each case gives two digests:
//  - shared (backend "all"): labels, centres, counters, blobs, which the library promises alike
//    from every backend (README, "Backends"; no case here has a near tie), so one line serves all;
//  - own (backend as backend_name() says): distances and inertia, which each backend rounds in
//    its own summation order (kernels.hpp: min_dist "is rounded as float32 in any summation
//    order"), so each backend has its own line.
// Shared lines hold per architecture, own lines per build kind (see `arch` for why).
// TINYKM_GOLDEN_WRITE replaces only the lines of this build's architecture and kind: record
// each kind CI builds in turn (scripts/test.sh, its clang and ASan builds, the presets of
// scripts/test-ports.sh under qemu, e.g. TINYKM_GOLDEN_WRITE=$PWD/tests/golden/outputs.txt
// qemu-aarch64 -cpu max -L /usr/aarch64-linux-gnu build/aarch64/tests/test_golden; the SVE
// build at both lengths CI runs, -cpu max and -cpu max,sve-default-vector-length=16).
// The data are integers times 2^-10 made with integer arithmetic only: the same bits on every
// platform and compiler (no std distributions, no float expression a compiler may contract).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "stream_support.hpp"
#include "tinykm/tinykm.hpp"

#if defined(__ARM_FEATURE_SVE)
#include <arm_sve.h>
#endif

#if TINYKM_GOLDEN_HWY_TARGETS
#include "hwy_target_loop.hpp"
#endif

#if !defined(TINYKM_GOLDEN_FILE) || !defined(TINYKM_GOLDEN_BUILD)
#error "tests/CMakeLists.txt passes the golden file's path and the build type"
#endif

using tinykm::status;

namespace {

// 64-bit FNV-1a over little-endian bytes.
class fnv {
 public:
  void bytes(const void* data, std::size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ull;
  }
  void u64(std::uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    bytes(b, 8);
  }
  void f32(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, 4);
    u64(u);
  }
  void f64(double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, 8);
    u64(u);
  }
  void floats(const float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) f32(v[i]);
  }
  void labels(const std::vector<std::int32_t>& v) {
    for (const std::int32_t l : v) u64(static_cast<std::uint32_t>(l));
  }
  void blob(const std::vector<unsigned char>& v) {
    u64(v.size());
    bytes(v.data(), v.size());
  }
  std::uint64_t value() const { return h_; }
  std::string hex() const {
    char s[17];
    std::snprintf(s, sizeof s, "%016llx", static_cast<unsigned long long>(h_));
    return s;
  }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

struct outputs {
  fnv shared, own;
};

// splitmix64, kept here rather than shared with other tests: it is part of the golden data.
class gen {
 public:
  explicit gen(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::int32_t in(std::int32_t lo, std::int32_t hi) {  // uniform in [lo, hi]
    const std::uint64_t span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
    return static_cast<std::int32_t>(lo + static_cast<std::int64_t>((next() >> 11) % span));
  }

 private:
  std::uint64_t s_;
};

constexpr float unit = 0x1p-10f;  // data are integers times this

// n points of d features around `sources` planted centres with integer coordinates in
// [-40, 40] (+ offset), noise a triangular sum of two uniforms within +-spread. Every value is
// an integer below 2^24 times 2^-10, so exact in float.
std::vector<float> points(std::size_t n, std::size_t d, std::size_t sources, std::int32_t spread,
                          std::int32_t offset, std::uint64_t seed) {
  gen g(seed);
  std::vector<std::int32_t> centres(sources * d);
  for (std::int32_t& c : centres) c = (g.in(-40, 40) + offset) * 1024;
  std::vector<float> x(n * d);
  const std::int32_t s = spread * 512;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(g.in(0, static_cast<std::int32_t>(sources) - 1));
    for (std::size_t j = 0; j < d; ++j)
      x[i * d + j] = static_cast<float>(centres[c * d + j] + g.in(-s, s) + g.in(-s, s)) * unit;
  }
  return x;
}

// n positive weights, multiples of 1/8 in [1/8, 4].
std::vector<float> weights(std::size_t n, std::uint64_t seed) {
  gen g(seed);
  std::vector<float> w(n);
  for (float& v : w) v = static_cast<float>(g.in(1, 32)) * 0.125f;
  return w;
}

// parallel_for on fresh std::threads (3 of them), each taking indices from a shared counter;
// the executor counts the calls.
void run_on_threads(void* calls, std::size_t count, tinykm::task_fn task, void* context) {
  ++*static_cast<std::size_t*>(calls);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) task(context, i);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back(work);
  for (std::thread& t : threads) t.join();
}

// ---- batch k-means ----------------------------------------------------------------------------

// Where the centres start: drawn by init, or given (the first k points; given_far: the last
// one moved far from every point, so its cluster starts empty).
enum start { drawn, given, given_far };

struct fit_case {
  const char* name;
  std::size_t n, d, k, sources;
  tinykm::init_method init;
  std::uint32_t n_init;
  bool weighted;
  std::int32_t offset;  // added to every planted centre coordinate
  start from;
  tinykm::empty_cluster_policy empty;
  bool threads;
  std::uint32_t n_iter_check;
};

constexpr auto pp = tinykm::init_method::kmeans_plus_plus;
constexpr auto rnd = tinykm::init_method::random;
constexpr auto farthest = tinykm::init_method::farthest_point;
constexpr auto usr = tinykm::init_method::user;
constexpr auto relocate = tinykm::empty_cluster_policy::relocate_farthest;
constexpr auto keep = tinykm::empty_cluster_policy::keep;
constexpr auto split = tinykm::empty_cluster_policy::split_largest;

const fit_case fit_cases[] = {
    // name, n, d, k, planted sources, init, n_init, weighted, offset, start, empty policy,
    // threads, n_iter_check
    {"fit/pp/d1/k1", 300, 1, 1, 1, pp, 1, false, 0, drawn, relocate, false, 0},
    {"fit/pp/d1/k3", 400, 1, 3, 4, pp, 1, false, 0, drawn, relocate, false, 0},
    {"fit/pp/d2/k5", 600, 2, 5, 5, pp, 1, false, 0, drawn, relocate, false, 0},
    {"fit/random/d3/k7", 500, 3, 7, 6, rnd, 3, false, 0, drawn, relocate, false, 0},
    {"fit/farthest/d4/k6", 500, 4, 6, 6, farthest, 2, false, 0, drawn, relocate, false, 0},
    {"fit/user/d16/k10", 400, 16, 10, 8, usr, 1, false, 0, given, relocate, false, 0},
    {"fit/pp-ninit4/d16/k12", 400, 16, 12, 10, pp, 4, false, 0, drawn, relocate, false, 2},
    {"fit/weights/d3/k5", 500, 3, 5, 5, pp, 2, true, 0, drawn, relocate, false, 0},
    {"fit/weights/d16/k9", 300, 16, 9, 9, farthest, 1, true, 0, drawn, relocate, false, 0},
    {"fit/empty-relocate/d2/k4", 300, 2, 4, 3, usr, 1, false, 0, given_far, relocate, false, 0},
    {"fit/empty-split/d5/k4", 300, 5, 4, 3, usr, 1, false, 0, given_far, split, false, 0},
    {"fit/empty-keep/d3/k4", 300, 3, 4, 3, usr, 1, true, 0, given_far, keep, false, 0},
    {"fit/pp/d128/k20", 300, 128, 20, 60, pp, 1, false, 0, drawn, relocate, false, 0},
    {"fit/random/d100/k17", 300, 100, 17, 50, rnd, 2, false, 0, drawn, relocate, false, 0},
    {"fit/pp/d8/k300", 1500, 8, 300, 40, pp, 1, false, 0, drawn, relocate, false, 0},
    {"fit/farthest/d33/k64", 600, 33, 64, 150, farthest, 1, false, 0, drawn, relocate, false, 0},
    {"fit/pp/d24/offset3000/k8", 400, 24, 8, 6, pp, 1, false, 3000, drawn, relocate, false, 0},
    // 12365 points: three 4096-point chunks and a ragged one; threads change no digest.
    {"fit/chunks-serial/d2/k4", 12365, 2, 4, 4, rnd, 2, false, 0, drawn, relocate, false, 0},
    {"fit/chunks-3-threads/d2/k4", 12365, 2, 4, 4, rnd, 2, false, 0, drawn, relocate, true, 0},
};

std::vector<unsigned char> saved(const tinykm::model_view& m) {
  std::vector<unsigned char> blob(tinykm::save_size(m));
  std::size_t written = 0;
  REQUIRE(tinykm::save(m, blob.data(), blob.size(), &written) == status::ok);
  CHECK(written == blob.size());
  return blob;
}

// predict, transform, inertia and score of a model on the fit's points and on new queries.
void query_model(const tinykm::model_view& m, const std::vector<float>& x, const float* w,
                 const std::vector<float>& q, const tinykm::parallel_for& parallel,
                 outputs& out) {
  const std::size_t n = x.size() / m.d, nq = q.size() / m.d;
  std::vector<std::int32_t> labels(n, -1), qlabels(nq, -1);
  REQUIRE(tinykm::predict(m, x.data(), n, m.d, labels.data(), parallel) == status::ok);
  REQUIRE(tinykm::predict(m, q.data(), nq, m.d, qlabels.data()) == status::ok);
  out.shared.labels(labels);
  out.shared.labels(qlabels);
  std::vector<float> dist(nq * m.k, -1.0f);
  REQUIRE(tinykm::transform(m, q.data(), nq, m.d, dist.data(), dist.size()) == status::ok);
  out.own.floats(dist.data(), dist.size());
  double in_x = 0.0, in_q = 0.0, sc = 0.0;
  REQUIRE(tinykm::inertia(m, x.data(), n, m.d, w, &in_x) == status::ok);
  REQUIRE(tinykm::inertia(m, q.data(), nq, m.d, nullptr, &in_q) == status::ok);
  REQUIRE(tinykm::score(m, q.data(), nq, m.d, nullptr, &sc) == status::ok);
  out.own.f64(in_x);
  out.own.f64(in_q);
  out.own.f64(sc);
}

outputs run_fit_case(const fit_case& c) {
  const std::vector<float> x = points(c.n, c.d, c.sources, 16, c.offset, c.n * 31 + c.d);
  const std::vector<float> q = points(40, c.d, c.sources, 6, c.offset, c.n * 31 + c.d + 1);
  const std::vector<float> w = c.weighted ? weights(c.n, c.n + 7) : std::vector<float>{};
  std::vector<float> initial;
  tinykm::fit_params p;
  p.k = c.k;
  p.init = c.init;
  p.n_init = c.n_init;
  p.max_iter = 25;
  p.n_iter_check = c.n_iter_check;
  p.empty_cluster = c.empty;
  p.seed = c.n + c.k;
  if (c.from != drawn) {
    initial.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(c.k * c.d));
    if (c.from == given_far)
      for (std::size_t j = 0; j < c.d; ++j) initial[(c.k - 1) * c.d + j] = 1000.0f;
    p.initial_centroids = initial.data();
  }
  std::size_t parallel_calls = 0;
  if (c.threads) p.parallel = tinykm::parallel_for{run_on_threads, &parallel_calls};
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, c.n, c.d));
  std::vector<float> centres(c.k * c.d);
  tinykm::model_view m{centres.data(), centres.size(), 0, 0};
  tinykm::fit_result r;
  const float* wp = c.weighted ? w.data() : nullptr;
  REQUIRE(tinykm::fit(x.data(), c.n, c.d, wp, p, m, ws.data(), ws.size(), &r) == status::ok);
  outputs out;
  out.shared.u64(m.k);
  out.shared.u64(m.d);
  out.shared.floats(centres.data(), centres.size());
  out.shared.u64(r.iterations);
  out.shared.u64(r.converged);
  out.shared.u64(r.best_init);
  out.shared.u64(r.empty_clusters);
  out.own.f64(r.inertia);
  query_model(m, x, wp, q, p.parallel, out);
  out.shared.blob(saved(m));
  CHECK((parallel_calls > 0) == c.threads);
  if (c.from == given_far) CHECK(r.empty_clusters > 0);
  return out;
}

// lloyd_begin / lloyd_step in steps of 97 points, from user centres, weighted.
outputs run_lloyd_steps() {
  const std::size_t n = 700, d = 5, k = 6;
  const std::vector<float> x = points(n, d, 5, 4, 0, 77);
  const std::vector<float> w = weights(n, 78);
  std::vector<float> centres(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k * d));
  const tinykm::model_view m{centres.data(), centres.size(), k, d};
  std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(k, d));
  tinykm::lloyd_stepper st;
  REQUIRE(tinykm::lloyd_begin(x.data(), n, d, w.data(), m, 12, 1e-3, ws.data(), ws.size(), &st) ==
          status::ok);
  outputs out;
  bool done = false;
  for (int steps = 0; !done; ++steps) {
    REQUIRE(steps < 1000);
    REQUIRE(tinykm::lloyd_step(st, 97, &done) == status::ok);
    out.shared.u64(st.iterations);
    out.own.f64(st.inertia);
  }
  out.shared.floats(centres.data(), centres.size());
  out.shared.f64(st.center_shift);
  out.shared.u64(st.done);
  out.shared.u64(st.converged);
  return out;
}

// ---- streams ----------------------------------------------------------------------------------

enum class feed { one_by_one, batches, seeded, warming };

struct stream_case {
  const char* name;
  std::size_t d, k;
  tinykm::update_rule rule;
  tinykm::decay_unit unit;
  feed how;
  float dead_fraction;
  bool learn_anomalies;
};

constexpr auto mean = tinykm::update_rule::running_mean;
constexpr auto decay = tinykm::update_rule::decay;
constexpr auto rate = tinykm::update_rule::fixed_rate;
constexpr auto per_point = tinykm::decay_unit::points;
constexpr auto per_batch = tinykm::decay_unit::batches;

const stream_case stream_cases[] = {
    {"stream/mean/one/d3/k4", 3, 4, mean, per_point, feed::one_by_one, 0.01f, true},
    {"stream/mean/batches/d3/k4", 3, 4, mean, per_point, feed::batches, 0.01f, true},
    {"stream/mean/seeded/d16/k6", 16, 6, mean, per_point, feed::seeded, 0.01f, true},
    {"stream/decay-points/one/d2/k5", 2, 5, decay, per_point, feed::one_by_one, 0.2f, true},
    {"stream/decay-points/batches/d7/k5", 7, 5, decay, per_point, feed::batches, 0.01f, false},
    {"stream/decay-batches/batches/d3/k4", 3, 4, decay, per_batch, feed::batches, 0.2f, true},
    {"stream/decay-batches/one/d2/k3", 2, 3, decay, per_batch, feed::one_by_one, 0.01f, true},
    {"stream/decay-batches/seeded/d4/k3", 4, 3, decay, per_batch, feed::seeded, 0.01f, true},
    {"stream/rate/one/d16/k6", 16, 6, rate, per_point, feed::one_by_one, 0.01f, false},
    {"stream/rate/batches/d1/k3", 1, 3, rate, per_point, feed::batches, 0.2f, true},
    {"stream/rate/seeded/d5/k4", 5, 4, rate, per_point, feed::seeded, 0.0f, true},
    {"stream/mean/warming/d3/k4", 3, 4, mean, per_point, feed::warming, 0.01f, true},
};

tinykm::stream_params stream_params_of(const stream_case& c) {
  tinykm::stream_params p;
  p.k = c.k;
  p.reservoir = 12 * c.k;
  p.rule = c.rule;
  p.unit = c.unit;
  p.half_life = c.unit == per_point ? 60.0f : 3.0f;
  p.learning_rate = 0.05f;
  p.dead_fraction = c.dead_fraction;
  p.anomaly_z = 2.0f;
  p.anomaly_threshold = 0.5f;
  p.learn_anomalies = c.learn_anomalies;
  p.drift_half_life = 50.0f;
  p.warmup_n_init = 2;
  p.warmup_max_iter = 20;
  p.seed = 11 + c.k;
  return p;
}

std::vector<unsigned char> saved(const tinykm::stream_state& s) {
  std::vector<unsigned char> blob(tinykm::save_size(s));
  REQUIRE(tinykm::save(s, blob.data(), blob.size()) == status::ok);
  return blob;
}

void digest_sample(const tinykm::stream_sample& s, fnv& h) {
  h.u64(static_cast<std::uint32_t>(s.label));
  h.f32(s.score);
  h.u64(s.anomaly);
}

// Feeds samples [from, to) of x the case's way; every label, score and flag goes to h.
void feed_stream(const stream_case& c, const tinykm::stream_state& s, const std::vector<float>& x,
                 std::size_t from, std::size_t to, fnv& h) {
  const std::size_t d = c.d;
  if (c.how == feed::batches) {
    static const std::size_t sizes[] = {1, 5, 32, 100, 7};
    for (std::size_t i = from, b = 0; i < to; ++b) {
      const std::size_t m = std::min(sizes[b % 5], to - i);
      std::vector<std::int32_t> labels(m, -2);
      std::vector<float> scores(m, -2.0f);
      REQUIRE(tinykm::stream_update_batch(s, &x[i * d], m, labels.data(), scores.data()) ==
              status::ok);
      h.labels(labels);
      h.floats(scores.data(), m);
      i += m;
    }
    return;
  }
  for (std::size_t i = from; i < to; ++i) {
    tinykm::stream_sample out;
    if (c.how == feed::seeded)
      REQUIRE(tinykm::stream_update_ready(s, &x[i * d], &out) == status::ok);
    else
      REQUIRE(tinykm::stream_update(s, &x[i * d], &out) == status::ok);
    digest_sample(out, h);
  }
}

tinykm::stream_info digest_info(const tinykm::stream_state& s, fnv& h) {
  tinykm::stream_info info;
  REQUIRE(tinykm::stream_get_info(s, &info) == status::ok);
  for (const std::uint64_t v : {std::uint64_t{info.k}, std::uint64_t{info.d},
                                std::uint64_t{info.reservoir}, std::uint64_t{info.reservoir_fill},
                                std::uint64_t{info.ready}, info.counters.samples,
                                info.counters.anomalies, info.counters.reseeds,
                                info.counters.batches})
    h.u64(v);
  h.f32(info.counters.inertia_ewma);
  return info;
}

// stream_predict, stream_score and the centres' model (predict) on queries.
void query_stream(const tinykm::stream_state& s, const std::vector<float>& q, std::size_t d,
                  fnv& h) {
  const std::size_t nq = q.size() / d;
  std::vector<std::int32_t> labels(nq, -2), batch_labels(nq, -2);
  const status st = tinykm::stream_predict(s, q.data(), nq, labels.data());
  h.u64(static_cast<std::uint32_t>(st));
  if (st != status::ok) return;  // still warming up
  h.labels(labels);
  for (std::size_t i = 0; i < nq; ++i) {
    float score = -2.0f;
    bool anomaly = false;
    REQUIRE(tinykm::stream_score(s, &q[i * d], &score, &anomaly) == status::ok);
    h.f32(score);
    h.u64(anomaly);
  }
  tinykm::model_view m;
  REQUIRE(tinykm::stream_model(s, &m) == status::ok);
  REQUIRE(tinykm::predict(m, q.data(), nq, d, batch_labels.data()) == status::ok);
  CHECK(batch_labels == labels);
}

outputs run_stream_case(const stream_case& c) {
  const tinykm::stream_params p = stream_params_of(c);
  const std::size_t n = c.how == feed::warming ? p.reservoir / 2 + 20 : 500, d = c.d;
  // The sources move half-way through: drift, anomalies and (with dead_fraction) reseeds.
  std::vector<float> x = points(n / 2, d, c.k + 1, 3, 0, 1000 + d * 7 + c.k);
  const std::vector<float> later = points(n - n / 2, d, c.k + 1, 3, 5, 2000 + d * 7 + c.k);
  x.insert(x.end(), later.begin(), later.end());
  const std::vector<float> q = points(30, d, c.k + 1, 8, 2, 3000 + d);
  tkt::owned_stream s(p.k, d, p.reservoir);
  REQUIRE(tinykm::stream_init(p, d, s.state) == status::ok);
  outputs out;
  if (c.how == feed::seeded) {
    const std::vector<float> seeds = points(c.k, d, c.k, 2, 0, 4000 + d);
    REQUIRE(tinykm::stream_seed(s.state, seeds.data()) == status::ok);
  }
  feed_stream(c, s.state, x, 0, n - 20, out.shared);
  const tinykm::stream_info info = digest_info(s.state, out.shared);
  CHECK(info.ready == (c.how != feed::warming));
  if (c.dead_fraction >= 0.2f) CHECK(info.counters.reseeds > 0);
  query_stream(s.state, q, d, out.shared);
  const std::vector<unsigned char> blob = saved(s.state);
  out.shared.blob(blob);
  // A loaded copy saves the same bytes and goes on as the original does.
  tkt::owned_stream copy(p.k, d, p.reservoir);
  REQUIRE(tinykm::load(blob.data(), blob.size(), copy.state) == status::ok);
  CHECK(saved(copy.state) == blob);
  fnv original_tail, copy_tail;
  feed_stream(c, s.state, x, n - 20, n, original_tail);
  feed_stream(c, copy.state, x, n - 20, n, copy_tail);
  CHECK(saved(copy.state) == saved(s.state));
  CHECK(copy_tail.value() == original_tail.value());
  out.shared.u64(original_tail.value());
  out.shared.blob(saved(s.state));
  return out;
}

// Two shards merged into a third stream and into one of themselves.
outputs run_stream_merge(tinykm::update_rule rule) {
  const stream_case c{"", 4, 5, rule, per_point, feed::one_by_one, 0.01f, true};
  const tinykm::stream_params p = stream_params_of(c);
  const std::size_t n = 300;
  tkt::owned_stream a(p.k, c.d, p.reservoir), b(p.k, c.d, p.reservoir), ab(p.k, c.d, p.reservoir);
  fnv ignored;
  for (tkt::owned_stream* s : {&a, &b, &ab})
    REQUIRE(tinykm::stream_init(p, c.d, s->state) == status::ok);
  feed_stream(c, a.state, points(n, c.d, 6, 3, 0, 5000), 0, n, ignored);
  feed_stream(c, b.state, points(n, c.d, 6, 3, 1, 6000), 0, n, ignored);
  outputs out;
  REQUIRE(tinykm::stream_merge(a.state, b.state, ab.state) == status::ok);
  out.shared.blob(saved(ab.state));
  REQUIRE(tinykm::stream_merge(a.state, b.state, a.state) == status::ok);
  out.shared.blob(saved(a.state));
  const std::vector<float> q = points(30, c.d, 6, 8, 0, 7000);
  query_stream(a.state, q, c.d, out.shared);
  return out;
}

// Exact ties (README: "ties go to the lowest centre index"): integer points and centres, where
// every distance is exact, against centres with duplicates and points midway between centres;
// a fit from those centres (duplicates start empty); a stream seeded with them.
outputs run_ties() {
  const std::size_t n = 400, d = 3, k = 6;
  gen g(99);
  std::vector<float> x(n * d), centres(k * d);
  for (float& v : x) v = static_cast<float>(g.in(-3, 3));
  for (std::size_t j = 0; j < 3 * d; ++j) centres[j] = static_cast<float>(2 * g.in(-2, 2));
  std::copy(centres.begin(), centres.begin() + static_cast<std::ptrdiff_t>(3 * d),
            centres.begin() + static_cast<std::ptrdiff_t>(3 * d));  // 3, 4, 5 copy 0, 1, 2
  outputs out;
  const tinykm::model_view m{centres.data(), centres.size(), k, d};
  query_model(m, x, nullptr, x, tinykm::parallel_for{}, out);
  tinykm::fit_params p;
  p.k = k;
  p.init = usr;
  p.initial_centroids = centres.data();
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
  std::vector<float> fitted(k * d);
  tinykm::model_view f{fitted.data(), fitted.size(), 0, 0};
  tinykm::fit_result r;
  REQUIRE(tinykm::fit(x.data(), n, d, nullptr, p, f, ws.data(), ws.size(), &r) == status::ok);
  CHECK(r.empty_clusters > 0);
  out.shared.floats(fitted.data(), fitted.size());
  out.own.f64(r.inertia);
  tinykm::stream_params sp;
  sp.k = k;
  tkt::owned_stream s(sp.k, d);
  REQUIRE(tinykm::stream_init(sp, d, s.state) == status::ok);
  REQUIRE(tinykm::stream_seed(s.state, centres.data()) == status::ok);
  for (std::size_t i = 0; i < n; ++i) {
    tinykm::stream_sample sample;
    REQUIRE(tinykm::stream_update(s.state, &x[i * d], &sample) == status::ok);
    digest_sample(sample, out.shared);
  }
  out.shared.blob(saved(s.state));
  return out;
}

// ---- every case on every backend, against the golden file ------------------------------------

using results = std::map<std::string, outputs>;  // by case

results run_all() {
  results r;
  for (const fit_case& c : fit_cases) r[c.name] = run_fit_case(c);
  r["lloyd_steps/d5/k6"] = run_lloyd_steps();
  r["ties/d3/k6"] = run_ties();
  for (const stream_case& c : stream_cases) r[c.name] = run_stream_case(c);
  r["stream/merge/mean/d4/k5"] = run_stream_merge(mean);
  r["stream/merge/decay/d4/k5"] = run_stream_merge(decay);
  return r;
}

// Every case on scalar, Highway (each target this CPU runs: dynamic builds switch targets through
// libhwy; static builds, the Arm presets, hold one) and xsimd (its best architecture here: the
// public API reaches no other), by backend_name().
std::map<std::string, results> run_every_backend() {
  std::map<std::string, results> by_backend;
  const auto record = [&] { by_backend[tinykm::backend_name()] = run_all(); };
  REQUIRE(tinykm::force_backend(tinykm::backend::scalar) == status::ok);
  record();
#if TINYKM_GOLDEN_HWY_TARGETS
  REQUIRE(tinykm::force_backend(tinykm::backend::highway) == status::ok);
  tkt::for_each_hwy_target([&](const std::string&) { record(); });
#else
  if (tinykm::force_backend(tinykm::backend::highway) == status::ok) record();
#endif
  if (tinykm::force_backend(tinykm::backend::xsimd) == status::ok) record();
  REQUIRE(tinykm::force_backend(tinykm::backend::automatic) == status::ok);
  return by_backend;
}

// Where each line holds. Compilers fuse a * b + c into one rounding (an FMA) where the target
// has one, GCC wherever its optimiser meets the pair (-ffp-contract=fast, its C++ default), clang
// within one expression. x86-64's baseline has no FMA, so only the kernels built for FMA targets
// (Highway AVX2/AVX3, xsimd avx2/avx512) fuse, and which products they fuse changes with the
// compiler and its optimisation (gcc -O3, gcc -O2 + ASan and clang differ there, in a few
// cases). Arm has FMA in its base ISA, so all code may fuse, stream updates included: there even
// the shared digests differ from x86-64's (built with -ffp-contract=off, aarch64 gives x86-64's
// shared and scalar digests in every case). Hence shared lines hold per architecture (every
// build kind of it must give them), a backend's own lines per build kind.
constexpr const char* arch =
#if defined(__x86_64__)
    "x86_64";
#elif defined(__aarch64__)
    "aarch64";
#elif defined(__arm__)
    "arm";
#else
    "other";
#endif

#if defined(__SANITIZE_ADDRESS__)
#define TINYKM_GOLDEN_ASAN "-asan"
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TINYKM_GOLDEN_ASAN "-asan"
#endif
#endif
#ifndef TINYKM_GOLDEN_ASAN
#define TINYKM_GOLDEN_ASAN ""
#endif

// SVE kernels' digests change with the vector length the CPU runs (a lane count sets the order
// of each sum): "-sve128", "-sve512"; none off SVE.
std::string sve_length() {
#if defined(__ARM_FEATURE_SVE)
  return "-sve" + std::to_string(svcntb() * 8);
#else
  return "";
#endif
}

// E.g. "x86_64-gcc-Release", "aarch64-sve512-gcc-Release", "x86_64-gcc-RelWithDebInfo-asan".
const std::string build_kind = std::string(arch) + sve_length() +
#if defined(__clang__)
                               "-clang-" +
#else
                               "-gcc-" +
#endif
                               TINYKM_GOLDEN_BUILD TINYKM_GOLDEN_ASAN;

// Golden lines: where (architecture or build kind), case, backend ("all": the shared digest),
// digest.
using golden = std::map<std::string, std::string>;  // "where case backend" -> digest

golden read_golden(const char* path) {
  golden g;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string where, name, backend, digest;
    if (line.empty() || line[0] == '#' || !(fields >> where >> name >> backend >> digest)) continue;
    g[where + " " + name + " " + backend] = digest;
  }
  return g;
}

std::string where_of(const std::string& key) { return key.substr(0, key.find(' ')); }

// One digest of this run: its golden key and the backend that gave it.
struct observation {
  std::string key, backend, digest;
  bool shared;  // the case's "all" line
};

std::vector<observation> observations(const std::map<std::string, results>& by_backend) {
  std::vector<observation> seen;
  for (const auto& b : by_backend)
    for (const auto& c : b.second) {
      seen.push_back({std::string(arch) + " " + c.first + " all", b.first,
                      c.second.shared.hex(), true});
      seen.push_back({build_kind + " " + c.first + " " + b.first, b.first, c.second.own.hex(),
                      false});
    }
  return seen;
}

// Replaces the lines of this architecture and build kind in the file at `path` (the others
// stay). Every backend must give the same shared digest.
void write_golden(const char* path, const std::vector<observation>& seen) {
  golden all = read_golden(path);
  for (auto it = all.begin(); it != all.end();) {
    const std::string where = where_of(it->first);
    it = where == arch || where == build_kind ? all.erase(it) : std::next(it);
  }
  golden mine;
  for (const observation& o : seen) {
    INFO(o.key << " from " << o.backend);
    REQUIRE(mine.emplace(o.key, o.digest).first->second == o.digest);
  }
  all.insert(mine.begin(), mine.end());
  std::ofstream out(path);
  out << "# Golden outputs of tests/test_golden.cpp: where (architecture for the shared digest,\n"
         "# build kind for a backend's own), case, backend (\"all\": the shared digest), 64-bit\n"
         "# FNV-1a digest. Written by TINYKM_GOLDEN_WRITE.\n";
  for (const auto& line : all) out << line.first << " " << line.second << "\n";
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("golden outputs: every case on every backend gives the recorded bits", "[golden]") {
  const std::map<std::string, results> by_backend = run_every_backend();
  const results& scalar = by_backend.at("scalar");
  // Threads change nothing (README, "Threads and chunking").
  CHECK(scalar.at("fit/chunks-serial/d2/k4").shared.value() ==
        scalar.at("fit/chunks-3-threads/d2/k4").shared.value());
  CHECK(scalar.at("fit/chunks-serial/d2/k4").own.value() ==
        scalar.at("fit/chunks-3-threads/d2/k4").own.value());
  const std::vector<observation> seen = observations(by_backend);
  if (const char* path = std::getenv("TINYKM_GOLDEN_WRITE")) {
    write_golden(path, seen);
    WARN("wrote the " << arch << " and " << build_kind << " lines of " << path);
    return;
  }
  const golden want = read_golden(TINYKM_GOLDEN_FILE);
  INFO("golden file " TINYKM_GOLDEN_FILE ", build kind " << build_kind);
  const auto recorded = [&](const std::string& where) {
    return std::any_of(want.begin(), want.end(),
                       [&](const auto& line) { return where_of(line.first) == where; });
  };
  {
    INFO("no line for this architecture: record them with TINYKM_GOLDEN_WRITE");
    REQUIRE(recorded(arch));
  }
  const bool kind_recorded = recorded(build_kind);
  if (!kind_recorded) WARN("build kind not recorded: only the shared digests are checked");
  // Every digest matches its line. Only a backend never recorded here (a CPU with other targets)
  // may lack its own line; the shared and scalar lines are always there.
  std::set<std::string> keys, unrecorded;
  for (const observation& o : seen) {
    keys.insert(o.key);
    const auto it = want.find(o.key);
    if (!o.shared && (!kind_recorded || (it == want.end() && o.backend != "scalar"))) {
      if (kind_recorded) unrecorded.insert(o.backend);
      continue;
    }
    INFO(o.key << " from " << o.backend);
    CHECK((it == want.end() ? std::string("(no line)") : it->second) == o.digest);
  }
  for (const std::string& b : unrecorded)
    WARN("no golden lines for " << b << ": its distances and inertia are not checked");
  // Every recorded case still runs.
  for (const auto& line : want) {
    const std::string where = where_of(line.first);
    if (where == arch || where == build_kind) CHECK(keys.count(line.first) == 1);
  }
}
